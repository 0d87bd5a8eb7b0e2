#ifndef SAMIZDAT_CPOPPLER_SHIM_H
#define SAMIZDAT_CPOPPLER_SHIM_H

#include <poppler.h>

/// The quark of poppler's errors, as a function Swift can call (POPPLER_ERROR is a macro).
static inline GQuark samizdat_poppler_error_quark(void) { return poppler_error_quark(); }

#endif
