#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncurses.h>
#include <string.h>
#include <wchar.h>

// Swift cannot import ncurses' function-like macros, and reading its mutable globals
// (stdscr, LINES, COLS...) is an error under Swift 6 strict concurrency; these accessors
// give both a plain C function. Callers serialise every ncurses call themselves.

static inline WINDOW *rc_stdscr(void) { return stdscr; }
static inline int rc_lines(void) { return LINES; }
static inline int rc_cols(void) { return COLS; }
static inline int rc_colors(void) { return COLORS; }
static inline int rc_color_pairs(void) { return COLOR_PAIRS; }
/// newterm on stdout/stdin: unlike initscr it returns NULL instead of exiting on failure.
static inline SCREEN *rc_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int rc_key_f0(void) { return KEY_F0; }
static inline int rc_wcwidth(wchar_t character) { return wcwidth(character); }

static inline attr_t rc_a_normal(void) { return A_NORMAL; }
static inline attr_t rc_a_bold(void) { return A_BOLD; }
static inline attr_t rc_a_dim(void) { return A_DIM; }
static inline attr_t rc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t rc_a_reverse(void) { return A_REVERSE; }

static inline mmask_t rc_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t rc_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t rc_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t rc_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Fills `cell` with up to 4 wide characters (a base and its combining marks).
static inline int rc_setcchar(cchar_t *cell, const wchar_t *text, attr_t attributes, short pair) {
  return setcchar(cell, text, attributes, pair, NULL);
}
