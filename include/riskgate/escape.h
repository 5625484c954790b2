/*
 * Escaping of untrusted text (file names, commit messages, policy strings)
 * for every output format: JSON strings, terminals, Markdown, GitHub
 * workflow commands and SARIF URIs. This is the one place that knows how
 * attacker-controlled bytes are made safe for each format; every writer of
 * a report calls these and has no escaper of its own.
 *
 * Where two formats need different treatment of the same text (a name
 * that must be read back exactly, a sentence that must stay readable) each
 * treatment has its own function, named for the difference.
 */
#ifndef RISKGATE_ESCAPE_H
#define RISKGATE_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"

/* The replacement character U+FFFD in UTF-8. */
#define GATE_UTF8_REPLACEMENT "\xef\xbf\xbd"

/*
 * Decodes the UTF-8 sequence at `s` (`len` bytes available): returns its
 * length (1 to 4) and stores the code point in *cp, or returns 0 when the
 * bytes there do not start a valid sequence (a stray continuation byte, a
 * truncated sequence, an overlong form, a surrogate U+D800-U+DFFF, or a
 * code point above U+10FFFF).
 */
size_t gate_escape_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * Whether code point `cp`, though valid, must never be shown raw: C0
 * controls (ESC starts escape sequences), DEL, C1 controls (U+0085 is a
 * line break, U+009B a one-byte CSI on some terminals), the line and
 * paragraph separators, and the bidirectional controls that can make a name
 * display as another ("Trojan Source", CVE-2021-42574). Returns 1 or 0.
 */
int gate_escape_unsafe_cp(uint32_t cp);

/*
 * JSON strings. cJSON takes C strings and escapes quotes and controls
 * itself; what it cannot do is repair bytes. gate_escape_json_valid says
 * whether `len` bytes of `s` can go into a JSON string as they are (valid
 * UTF-8 without NUL, which would cut the value short): 1 or 0.
 * gate_escape_json_text stores in *out a new NUL-terminated copy in which
 * each byte that is not part of a valid sequence, and each NUL, is
 * replaced by U+FFFD; *out is the caller's (free()). Returns 0, or -1 with
 * GATE_ERR_NOMEM.
 */
int gate_escape_json_valid(const char *s, size_t len);
int gate_escape_json_text(char **out, const char *s, size_t len, gate_error *err);

/*
 * Appends `len` bytes of untrusted text `s` to `out` as a quoted JSON
 * string: first the treatment of gate_escape_json_text (U+FFFD for each
 * invalid byte and each NUL), then the escapes a JSON string needs, written
 * as cJSON_Print writes them (\" \\ \b \f \n \r \t, other C0 controls as
 * \u00xx in lower case, everything else as it is), so that a report
 * streamed without cJSON is byte for byte the one cJSON printed. *replaced
 * (when not NULL) is set to 1 when a byte had to be replaced, else 0.
 * Appends nothing on failure; returns 0, or -1 with GATE_ERR_NOMEM.
 */
int gate_escape_json_string(gate_buf *out, const char *s, size_t len, int *replaced,
			    gate_error *err);

/*
 * Stores in *out the standard base64 (RFC 4648, with padding) of `len`
 * bytes of `s`, a new NUL-terminated string, the caller's (free()): how a
 * report carries the exact bytes of a name that is not valid UTF-8.
 * Returns 0, or -1 with GATE_ERR_NOMEM.
 */
int gate_escape_base64(char **out, const char *s, size_t len, gate_error *err);

/*
 * Terminals. Both functions append `len` bytes of `s` (which may be NULL
 * when len is 0) to `out` so that no control character, unsafe code point
 * or invalid byte reaches the terminal raw: each such byte becomes a
 * C-style escape in git's style (\n, \t, ..., else three octal digits);
 * valid UTF-8 otherwise passes through. They differ in what they are for:
 *
 * gate_escape_terminal_name is for names (paths, tiers, checks, logins):
 * like git's quoted paths, `"` and `\` are escaped too, and the whole is
 * wrapped in double quotes whenever anything had to be escaped, so the
 * exact name can be read back.
 *
 * gate_escape_terminal_prose is for sentences (messages, details, hints,
 * patterns): the same bytes are escaped, but `"` and `\` stay as they are
 * and nothing is wrapped, so a message that quotes a name or a pattern
 * full of backslashes stays readable.
 *
 * Nothing is appended on failure. Both return 0 or -1 (GATE_ERR_INTERNAL
 * without a buffer or with NULL text, GATE_ERR_NOMEM past out->max).
 */
int gate_escape_terminal_name(gate_buf *out, const char *s, size_t len, gate_error *err);
int gate_escape_terminal_prose(gate_buf *out, const char *s, size_t len, gate_error *err);

/* The terminal columns gate_escape_terminal_name takes for `len` bytes of
 * `s` (one per code point shown, quotes and escapes included). */
size_t gate_escape_terminal_name_width(const char *s, size_t len);

/*
 * Markdown (GitHub-flavoured). Both append to `out` and return 0 or -1.
 *
 * gate_escape_markdown_code shows a name as a code span, where nothing is
 * markup (no HTML, entity, link, emphasis or mention): at most
 * GATE_ESCAPE_MARKDOWN_NAME_MAX bytes of it (cut on a UTF-8 boundary, with
 * "…"), invalid UTF-8 and unsafe code points as U+FFFD, CR, LF and TAB as
 * their visible C escapes, fenced with one backtick more than its longest
 * run and padded with spaces when it starts or ends with a backtick or a
 * space, so the name cannot close the span; an empty name is "(empty)".
 * gate_escape_markdown_cell_code is the same for a table cell, where `|`
 * also becomes `\|` (GFM splits cells before it parses code spans).
 *
 * gate_escape_markdown_prose shows a sentence as text: at most
 * GATE_ESCAPE_MARKDOWN_PROSE_MAX bytes of it (cut with "…"), each of
 * \ ` * _ [ ] < > & | ~ ! $ backslash-escaped, CR, LF and TAB as spaces,
 * invalid UTF-8 and unsafe code points as U+FFFD. It never starts a line,
 * so what only matters there (#, -, +, digits and '.') needs nothing.
 * GitHub's own post-processing (autolinks, @mentions, #123 references)
 * works on the rendered text and cannot be escaped.
 */
#define GATE_ESCAPE_MARKDOWN_NAME_MAX  512
#define GATE_ESCAPE_MARKDOWN_PROSE_MAX 2048
int gate_escape_markdown_code(gate_buf *out, const char *s, size_t len, gate_error *err);
int gate_escape_markdown_cell_code(gate_buf *out, const char *s, size_t len, gate_error *err);
int gate_escape_markdown_prose(gate_buf *out, const char *s, size_t len, gate_error *err);

/*
 * HTML text and attribute values (between double quotes): < > & " '
 * become entities, invalid UTF-8, NUL, unsafe code points and control
 * characters but LF and TAB become U+FFFD. Appends to `out`; 0 or -1.
 */
int gate_escape_html_text(gate_buf *out, const char *s, size_t len, gate_error *err);

/*
 * GitHub workflow commands, escaped exactly as the runner unescapes them
 * (actions/toolkit command.ts). gate_escape_github_data is for the data
 * after "::" (escapeData: % CR LF become %25 %0D %0A);
 * gate_escape_github_property for a property value (escapeProperty: also
 * : and , which delimit properties, as %3A and %2C). In both, invalid UTF-8
 * and every other code point that must not reach a log raw (NUL, other
 * controls, line separators, bidi controls) become U+FFFD. Both append
 * `len` bytes of `s` to `out` and return 0 or -1.
 */
int gate_escape_github_data(gate_buf *out, const char *s, size_t len, gate_error *err);
int gate_escape_github_property(gate_buf *out, const char *s, size_t len, gate_error *err);

/*
 * A repository-relative path as a URI reference (RFC 3986), as SARIF
 * wants it: unreserved characters and '/' as they are, every other byte
 * (space, '%', '#', '?', ':', non-ASCII and invalid UTF-8 alike) as %XX in
 * upper-case hex. The result is plain ASCII and can never be read as
 * absolute or as having a scheme. Appends to `out`; returns 0 or -1.
 */
int gate_escape_uri_path(gate_buf *out, const char *s, size_t len, gate_error *err);

#endif
