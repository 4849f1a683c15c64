// SwiftPM drops the pkg-config defines that switch on ncurses' wide-character API,
// so they are set here before the header is read.
#ifndef MARKETMATE_CNCURSES_SHIM_H
#define MARKETMATE_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// C globals and macros Swift 6 cannot use directly (mutable globals, function-like macros).
static inline WINDOW *mm_stdscr(void) { return stdscr; }
static inline int mm_lines(void) { return LINES; }
static inline int mm_cols(void) { return COLS; }
static inline int mm_colors(void) { return COLORS; }
static inline int mm_color_pairs(void) { return COLOR_PAIRS; }
static inline void mm_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline attr_t mm_a_normal(void) { return A_NORMAL; }
static inline attr_t mm_a_bold(void) { return A_BOLD; }
static inline attr_t mm_a_dim(void) { return A_DIM; }
static inline attr_t mm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mm_a_reverse(void) { return A_REVERSE; }
static inline attr_t mm_a_italic(void) { return A_ITALIC; }
static inline void mm_set_escdelay(int ms) { set_escdelay(ms); }
#endif
