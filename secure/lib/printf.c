// SPDX-License-Identifier: BSD-3-Clause
/*
 * tz_vsnprintf: the printf subset the firmware uses (tzbsp/log.h):
 * %d %i %u %x %X %p %s %c %%, flags 0 - #, width and precision (numbers
 * or *), lengths hh h l ll z j t.  snprintf semantics: the result is the
 * length the output would have had, and buf is always terminated when
 * size > 0.  An unknown conversion is copied out literally.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/log.h>

struct out {
	char *buf;
	size_t size;
	size_t len;	/* would-be length */
};

static void out_c(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_c(o, c);
}

struct spec {
	bool left;
	bool zero;
	bool alt;
	int width;
	int prec;	/* -1: none */
};

static void out_str(struct out *o, const char *s, const struct spec *sp)
{
	size_t n = 0;

	if (!s)
		s = "(null)";
	while (s[n] && (sp->prec < 0 || n < (size_t)sp->prec))
		n++;
	if (!sp->left)
		out_pad(o, ' ', sp->width - (int)n);
	for (size_t i = 0; i < n; i++)
		out_c(o, s[i]);
	if (sp->left)
		out_pad(o, ' ', sp->width - (int)n);
}

static void out_num(struct out *o, uint64_t v, bool neg, unsigned int base,
		    bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, prefix = 0, pad;
	char sign = neg ? '-' : 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->alt && base == 16)
		prefix = 2;
	pad = sp->width - n - prefix - (sign ? 1 : 0);
	if (!sp->left && !sp->zero)
		out_pad(o, ' ', pad);
	if (sign)
		out_c(o, sign);
	if (prefix) {
		out_c(o, '0');
		out_c(o, upper ? 'X' : 'x');
	}
	if (!sp->left && sp->zero)
		out_pad(o, '0', pad);
	while (n)
		out_c(o, tmp[--n]);
	if (sp->left)
		out_pad(o, ' ', pad);
}

/* Widths and precisions beyond this are clamped: output stays bounded. */
#define FMT_MAX_WIDTH	10000

static int parse_int(const char **f, va_list *ap)
{
	int n = 0;

	if (**f == '*') {
		(*f)++;
		n = va_arg(*ap, int);
		if (n > FMT_MAX_WIDTH)
			n = FMT_MAX_WIDTH;
		if (n < -FMT_MAX_WIDTH)
			n = -FMT_MAX_WIDTH;
		return n;
	}
	while (**f >= '0' && **f <= '9') {
		n = n * 10 + (**f - '0');
		if (n > FMT_MAX_WIDTH)
			n = FMT_MAX_WIDTH;
		(*f)++;
	}
	return n;
}

int tz_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	va_copy(ap, ap_in);
	while (*fmt) {
		const char *start = fmt;
		struct spec sp = { .prec = -1 };
		int lng = 0;	/* -2 hh, -1 h, 0 int, 1 long, 2 long long */
		uint64_t u;
		int64_t s;

		if (*fmt != '%') {
			out_c(&o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '0')
				sp.zero = true;
			else if (*fmt == '#')
				sp.alt = true;
			else
				break;
		}
		sp.width = parse_int(&fmt, &ap);
		if (sp.width < 0) {
			sp.left = true;
			sp.width = -sp.width;
		}
		if (*fmt == '.') {
			fmt++;
			sp.prec = parse_int(&fmt, &ap);
		}
		if (*fmt == 'h') {
			lng = -1;
			if (*++fmt == 'h') {
				lng = -2;
				fmt++;
			}
		} else if (*fmt == 'l') {
			lng = 1;
			if (*++fmt == 'l') {
				lng = 2;
				fmt++;
			}
		} else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') {
			lng = 2;
			fmt++;
		}

		switch (*fmt) {
		case 'd':
		case 'i':
			if (lng >= 1)
				s = lng == 1 ? va_arg(ap, long) : va_arg(ap, long long);
			else
				s = va_arg(ap, int);
			if (lng == -1)
				s = (short)s;
			else if (lng == -2)
				s = (signed char)s;
			u = s < 0 ? -(uint64_t)s : (uint64_t)s;
			out_num(&o, u, s < 0, 10, false, &sp);
			break;
		case 'u':
		case 'x':
		case 'X':
			if (lng >= 1)
				u = lng == 1 ? va_arg(ap, unsigned long) :
					va_arg(ap, unsigned long long);
			else
				u = va_arg(ap, unsigned int);
			if (lng == -1)
				u = (unsigned short)u;
			else if (lng == -2)
				u = (unsigned char)u;
			out_num(&o, u, false, *fmt == 'u' ? 10 : 16, *fmt == 'X', &sp);
			break;
		case 'p':
			sp.alt = true;
			out_num(&o, (uintptr_t)va_arg(ap, void *), false, 16, false, &sp);
			break;
		case 's':
			out_str(&o, va_arg(ap, const char *), &sp);
			break;
		case 'c':
			if (!sp.left)
				out_pad(&o, ' ', sp.width - 1);
			out_c(&o, (char)va_arg(ap, int));
			if (sp.left)
				out_pad(&o, ' ', sp.width - 1);
			break;
		case '%':
			out_c(&o, '%');
			break;
		default:
			/* Unknown or truncated: copy the directive as it was. */
			while (start < fmt)
				out_c(&o, *start++);
			if (*fmt)
				out_c(&o, *fmt);
			else
				continue;
			break;
		}
		fmt++;
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int tz_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tz_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
