// cairo's PDF surface with pango for text (Debian's libcairo2-dev and libpango1.0-dev), for
// PDF invoices. Pango rather than cairo's toy text API because it falls back per character
// to another font through fontconfig (DejaVu has no CJK glyphs), and it wraps and
// ellipsizes text to a column width. Neither API is variadic, so Swift calls them directly.
#ifndef MARKETMATE_CPANGOCAIRO_SHIM_H
#define MARKETMATE_CPANGOCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#endif
