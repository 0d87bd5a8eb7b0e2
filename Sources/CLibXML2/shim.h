#ifndef SAMIZDAT_CLIBXML2_SHIM_H
#define SAMIZDAT_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, and its encoding.h then includes the system's ICU headers,
// whose UErrorCode clashes with Foundation's own copy of ICU in any Swift file that imports
// both. Samizdat never touches libxml2's encoding handlers (only pointers to them), so the
// ICU members are left out of this view of the headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#endif
