#!/usr/bin/env python3
"""Writes sockdiag-dump.bin: one netlink receive buffer of a SOCK_DIAG_BY_FAMILY reply, built field by field
(linux/netlink.h, linux/inet_diag.h) so the parser test knows every value: a v4 LISTEN socket, a v6 ESTABLISHED one,
a TIME_WAIT one without inode, then NLMSG_DONE."""
import socket, struct

def msg(family, state, sport, dport, src, dst, inode):
    sockid = struct.pack(">HH", sport, dport) + src.ljust(16, b"\0") + dst.ljust(16, b"\0") + struct.pack("<III", 0, 0, 0)
    body = struct.pack("<BBBB", family, state, 0, 0) + sockid + struct.pack("<IIIII", 0, 0, 0, 1000, inode)
    assert len(body) == 72
    return struct.pack("<IHHII", 16 + len(body), 20, 2, 1, 0) + body

out = b""
out += msg(2, 10, 8080, 0, socket.inet_pton(socket.AF_INET, "127.0.0.1"), b"", 123456)
out += msg(10, 1, 443, 51000, socket.inet_pton(socket.AF_INET6, "fe80::1"), socket.inet_pton(socket.AF_INET6, "2001:db8::42"), 987654321)
out += msg(2, 6, 22, 40000, socket.inet_pton(socket.AF_INET, "10.0.0.5"), socket.inet_pton(socket.AF_INET, "10.0.0.9"), 0)
out += struct.pack("<IHHIIi", 20, 3, 2, 1, 0, 0)  # NLMSG_DONE
open("sockdiag-dump.bin", "wb").write(out)
err = struct.pack("<IHHIIi", 20 + 16, 2, 0, 1, 0, -13) + b"\0" * 16  # NLMSG_ERROR -EACCES
open("sockdiag-error.bin", "wb").write(err)
