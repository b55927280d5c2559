#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so <libxml/encoding.h> would include the system ICU's
// <unicode/ucnv.h>, whose UErrorCode clashes with Foundation's own ICU (_FoundationICU) in
// any Swift module that imports both: "'U_MF_SYNTAX_ERROR' ... is not present in definition
// of 'enum UErrorCode'". The sandbox never touches an encoding handler's fields (only
// pointers to them), so the ICU members of that struct need not be visible here.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
