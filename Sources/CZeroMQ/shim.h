#ifndef SAMIZDAT_CZEROMQ_SHIM_H
#define SAMIZDAT_CZEROMQ_SHIM_H
#include <zmq.h>
#include <sys/eventfd.h>
#include <errno.h>

/// errno is a macro on glibc; Swift reads it through this.
static inline int czmq_errno(void) { return zmq_errno(); }
#endif
