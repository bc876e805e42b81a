#!/usr/bin/env python3
"""fontdamage.py - writes a damaged copy of a TrueType font, for the font
tests (tests/suites/fonts.sh): each kind of damage is one that font.c must
refuse with a message of its own before libharu reads the file.

    fontdamage.py IN.ttf OUTDIR KIND...

writes OUTDIR/KIND.ttf for each KIND (see DAMAGE below, or truncate-at-N:
the first N bytes). One run makes them all: Python is slow to start.

Only the standard library; the font is edited in place of its bytes, so
everything not damaged stays as it was."""
import struct
import sys


class Font:
    def __init__(self, data):
        self.b = bytearray(data)
        self.ntables = self.u16(4)
        self.dir = {}
        for i in range(self.ntables):
            rec = 12 + 16 * i
            tag = bytes(self.b[rec:rec + 4]).decode('latin-1')
            self.dir.setdefault(tag, rec)

    def u16(self, at):
        return struct.unpack_from('>H', self.b, at)[0]

    def u32(self, at):
        return struct.unpack_from('>I', self.b, at)[0]

    def put16(self, at, v):
        struct.pack_into('>H', self.b, at, v & 0xFFFF)

    def put32(self, at, v):
        struct.pack_into('>I', self.b, at, v & 0xFFFFFFFF)

    def off(self, tag):
        return self.u32(self.dir[tag] + 8)

    def length(self, tag):
        return self.u32(self.dir[tag] + 12)

    def nglyphs(self):
        return self.u16(self.off('maxp') + 4)

    def loca_long(self):
        return self.u16(self.off('head') + 50) == 1

    def loca(self, g):
        if self.loca_long():
            return self.u32(self.off('loca') + 4 * g)
        return 2 * self.u16(self.off('loca') + 2 * g)

    def set_loca(self, g, v):
        if self.loca_long():
            self.put32(self.off('loca') + 4 * g, v)
        else:
            self.put16(self.off('loca') + 2 * g, v // 2)

    def cmap4(self):
        """Offset of the (3,1) format 4 subtable in the file."""
        c = self.off('cmap')
        for i in range(self.u16(c + 2)):
            rec = c + 4 + 8 * i
            sub = c + self.u32(rec + 4)
            if self.u16(rec) == 3 and self.u16(rec + 2) == 1 and \
                    self.u16(sub) == 4:
                return sub, rec
        raise SystemExit('no (3,1) format 4 subtable')


def glyph_of(f, cp):
    """The glyph of cp in the (3,1) format 4 subtable."""
    sub, _ = f.cmap4()
    segs = f.u16(sub + 6) // 2
    for i in range(segs):
        if cp <= f.u16(sub + 14 + 2 * i):
            start = f.u16(sub + 16 + 2 * segs + 2 * i)
            delta = f.u16(sub + 16 + 4 * segs + 2 * i)
            ro_at = sub + 16 + 6 * segs + 2 * i
            if cp < start:
                break
            if f.u16(ro_at) == 0:
                return (cp + delta) & 0xFFFF
            return (f.u16(ro_at + f.u16(ro_at) + 2 * (cp - start)) +
                    delta) & 0xFFFF
    raise SystemExit('no glyph for U+%04X' % cp)


def cap_height(f):
    """glyf: the glyph of 'H' reaches below the baseline only, a negative
    cap height that libharu casts to an unsigned number (found by
    fuzz_font)."""
    f.put16(f.off('glyf') + f.loca(glyph_of(f, ord('H'))) + 8, -100)


def bbox(f):
    """head: a bounding box beyond the +-32767 thousandths of an em that
    libharu's /FontBBox reals take (found by fuzz_font)."""
    f.put16(f.off('head') + 18, 64)
    f.put16(f.off('head') + 36, -30000)


def composite_gid(f):
    """glyf: the first component of the first composite glyph names a
    glyph past numGlyphs."""
    glyf = f.off('glyf')
    for g in range(f.nglyphs()):
        at = glyf + f.loca(g)
        if f.loca(g + 1) > f.loca(g) and f.u16(at) >= 0x8000:
            f.put16(at + 12, f.nglyphs() + 5)
            return
    raise SystemExit('no composite glyph')


def glyph_short(f):
    """glyf: a non-empty glyph shorter than its 10-byte header."""
    for g in range(1, f.nglyphs() - 1):
        if f.loca(g + 1) - f.loca(g) >= 16:
            f.set_loca(g + 1, f.loca(g) + 4)
            return
    raise SystemExit('no glyph to shorten')


def cmap_segments(f):
    """cmap: segCountX2 so large that the segment arrays overflow the
    subtable and the table."""
    sub, _ = f.cmap4()
    f.put16(sub + 6, 0xFFFE)


def cmap_range(f):
    """cmap: the first segment's idRangeOffset points far past the glyph
    array."""
    sub, _ = f.cmap4()
    segs = f.u16(sub + 6) // 2
    f.put16(sub + 16 + 6 * segs, 0xFFFE)


def cmap_no_ffff(f):
    """cmap: no segment ends at U+FFFF (libharu then reads past its
    arrays for the codes above the last segment)."""
    sub, _ = f.cmap4()
    segs = f.u16(sub + 6) // 2
    for i in range(segs):
        if f.u16(sub + 14 + 2 * i) == 0xFFFF:
            f.put16(sub + 14 + 2 * i, 0xFFFE)


def cmap_not_unicode(f):
    """cmap: the (3,1) record becomes (3,0), a symbol font's."""
    _, rec = f.cmap4()
    f.put16(rec + 2, 0)


def name_empty(f):
    """name: the PostScript name (ID 6) starts with a NUL, which libharu
    turns into an empty PDF name (found by fuzz_font)."""
    n = f.off('name')
    strings = n + f.u16(n + 4)
    for i in range(f.u16(n + 2)):
        rec = n + 6 + 12 * i
        if f.u16(rec + 6) == 6:
            at = strings + f.u16(rec + 10)
            f.b[at] = 0
            if f.u16(rec) == 3 and f.u16(rec + 8) >= 2:
                f.b[at + 1] = 0


DAMAGE = {
    # the file and its table directory
    'truncate-header': lambda f: f.b.__delitem__(slice(8, None)),
    'truncate-directory': lambda f: f.b.__delitem__(slice(12 + 16 * 3,
                                                          None)),
    'truncate-half': lambda f: f.b.__delitem__(slice(len(f.b) // 2, None)),
    'truncate-last-byte': lambda f: f.b.__delitem__(slice(len(f.b) - 1,
                                                          None)),
    'offset-past-eof': lambda f: f.put32(f.dir['loca'] + 8, len(f.b)),
    'length-overflow': lambda f: f.put32(f.dir['glyf'] + 12, 0xFFFFFFF0),
    'numtables-huge': lambda f: f.put16(4, 0xFFFF),
    # head, maxp, hhea, hmtx
    'units-zero': lambda f: f.put16(f.off('head') + 18, 0),
    'loca-format': lambda f: f.put16(f.off('head') + 50, 2),
    'bbox': bbox,
    'no-glyphs': lambda f: f.put16(f.off('maxp') + 4, 0),
    'hmetrics-over': lambda f: f.put16(f.off('hhea') + 34,
                                       f.nglyphs() + 100),
    # maxp counts fewer glyphs than hhea has metrics: libharu wrote the
    # extra metrics past its array (the heap overflow of issue 10)
    'glyphs-fewer': lambda f: f.put16(f.off('maxp') + 4,
                                      f.u16(f.off('hhea') + 34) - 100),
    'hmtx-short': lambda f: f.put32(f.dir['hmtx'] + 12,
                                    f.length('hmtx') - 4),
    # loca and glyf
    'loca-order': lambda f: f.set_loca(10, f.loca(11) + 2),
    'loca-past-glyf': lambda f: f.set_loca(f.nglyphs(),
                                           f.length('glyf') + 2),
    'glyph-short': glyph_short,
    'composite-gid': composite_gid,
    'cap-height': cap_height,
    # cmap, name, OS/2
    'cmap-segments': cmap_segments,
    'cmap-range': cmap_range,
    'cmap-no-ffff': cmap_no_ffff,
    'cmap-not-unicode': cmap_not_unicode,
    'name-empty': name_empty,
    'no-embedding': lambda f: f.put16(f.off('OS/2') + 8, 0x0002),
}


def main():
    if len(sys.argv) < 4:
        sys.exit('usage: fontdamage.py IN.ttf OUTDIR KIND...\nkinds: ' +
                 ' '.join(DAMAGE) + ' truncate-at-N')
    with open(sys.argv[1], 'rb') as fp:
        data = fp.read()
    for kind in sys.argv[3:]:
        if kind.startswith('truncate-at-') and kind[12:].isdigit():
            n = int(kind[12:])
            damage = lambda f: f.b.__delitem__(slice(n, None))
        elif kind in DAMAGE:
            damage = DAMAGE[kind]
        else:
            sys.exit('fontdamage.py: unknown kind ' + kind)
        f = Font(data)
        damage(f)
        with open('%s/%s.ttf' % (sys.argv[2], kind), 'wb') as fp:
            fp.write(f.b)


if __name__ == '__main__':
    main()
