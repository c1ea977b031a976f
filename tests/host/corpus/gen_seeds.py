#!/usr/bin/env python3
# Regenerate the libFuzzer seed corpus: one valid example of each message
# the targets parse, so the fuzzers start past the address checks.
# Layout of the fake normal world: tests/host/host.h.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
DRAM = 0x40000000
SB_IN, SB_OUT = DRAM + 0x1000, DRAM + 0x7000
CB = 0x80000001


def u32(*v):
    return struct.pack('<%dI' % len(v), *[x & 0xffffffff for x in v])


def put(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def new(name, payload, rsp_len=256, cmd_type=1):
    cmd = u32(cmd_type, SB_IN, len(payload))
    offer = u32(0, SB_IN + len(payload), rsp_len)
    put('fuzz_new', name, cmd + offer + payload)


new('echo', u32(0x10001) + b'hello')
new('transform', u32(0x10002) + bytes(range(32)))
new('chain', u32(0x10003, 3, CB, 4, CB + 1, 0, CB + 2, 100))
new('forward', u32(0x10004, CB) + b'data')
new('get_info', u32(0x3), 56)
new('init_out', u32(0x1, SB_OUT, 20480), 8)
new('unknown', u32(0x90001))
new('pending', b'', 256, 2)
new('resume', b'', 256, 3)
new('small_rsp', u32(0x10001) + b'xy', 8)

put('fuzz_callback', 'forward_ok', b'\x01' + u32(CB, 0, 4, 16) + b'pong')
put('fuzz_callback', 'forward_err', b'\x01' + u32(CB, -110, 0, 0))
put('fuzz_callback', 'forward_small', b'\x03' + u32(CB, 0, 6, 16) + b'abcdef')
put('fuzz_callback', 'chain_ok', b'\x00' + u32(CB, 0, 4, 16) +
    bytes((((0 * 31 + j * 7 + 1) & 0xff) ^ 0xff) for j in range(4)))
put('fuzz_callback', 'cancel', b'\x00' + u32(CB, -125, 0, 0))
put('fuzz_callback', 'far_off', b'\x01' + u32(CB, 0, 4, 20476) +
    b'\0' * (20476 - 16) + b'tail')

put('fuzz_init', 'init_out', b'\x01\x00' + u32(DRAM + 0x20000, 4096))
put('fuzz_init', 'init_log', b'\x02\x00' + u32(DRAM + 0x30000, 8192))
put('fuzz_init', 'get_info', b'\x03\x30')
put('fuzz_init', 'release', b'\x04\x00')
put('fuzz_init', 'init_bad', b'\x01\x00' + u32(0x0e000000, 4096))

# fuzz_new_ext: ext struct, offer, one page-list page (at DRAM + 0x20000),
# sb_in.  Data pages at DRAM + 0x40000.
LIST = DRAM + 0x20000
DATA = DRAM + 0x40000


def mem(flags, npages, list_pa, off, size):
    return u32(flags, npages, list_pa, list_pa >> 32, off, off >> 32, size, size >> 32)


def new_ext(name, payload, mems=(), session=0, entries=(), rsp_len=256):
    descs = b''.join(mems) + b'\0' * 32 * (4 - len(mems))
    ext = u32(1, SB_IN, len(payload), session, len(mems), 0) + descs
    offer = u32(0, SB_IN + len(payload), rsp_len)
    page = b''.join(struct.pack('<Q', e) for e in entries)
    page += b'\0' * (4096 - len(page))
    put('fuzz_new_ext', name, ext + offer + page + payload)


PAGES = [DATA + i * 4096 for i in range(4)]
new_ext('echo', u32(0x10001) + b'hello')
new_ext('mem_xor', u32(0x10008, 0x5a, 10000, 0),
        (mem(1, 4, LIST, 0, 16384), mem(2, 4, LIST, 100, 16000)), entries=PAGES)
new_ext('mem_xor_bad_page', u32(0x10008, 0x5a, 10000, 0),
        (mem(1, 4, LIST, 0, 16384), mem(2, 4, LIST, 100, 16000)),
        entries=PAGES[:2] + [0x0e000000, PAGES[3]])
new_ext('session_add', u32(0x10009, 5), session=0x1234)
new_ext('session_open', u32(0x6, 1), rsp_len=16)
