"""RB310 on a module mixing bytes buffers re-sliced in loops with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
def frames(data: bytes):
    while data:
        size = data[0]
        yield data[1 : size + 1]
        data = data[size + 1 :]  # 5: annotated bytes parameter


def with_view(data: bytes):
    view = memoryview(data)
    while view:
        size = view[0]
        yield bytes(view[1 : size + 1])
        view = view[size + 1 :]  # a memoryview


def messages(sock):
    buf = b""
    while True:
        buf += sock.recv(4096)
        while len(buf) >= 4:
            yield buf[:4]
            buf = buf[4:]  # 22: a bytes literal grown with +=


def split(payload, sizes):
    buf = bytearray(payload)
    for size in sizes:
        yield bytes(buf[:size])
        buf = buf[size:]  # 29: a bytearray


def words(text: str):
    while text:
        yield text[:1]
        text = text[1:]  # a str


def chunks(data: bytes, size: int):
    for start in range(0, len(data), size):
        yield data[start : start + size]  # slices into a new value


def once(packet: bytes):
    packet = packet[4:]  # outside any loop
    return packet


def unknown(sock):
    buf = sock.recv(1024)
    while buf:
        buf = buf[1:]  # type unknown: not reported


def header(packet: bytes):
    for _ in range(3):
        packet = packet[1:]  # a loop that runs three times
    return packet
"""


def test_fires_exactly_on_bytes_reslicing_in_loops() -> None:
    found = findings_for("RB310", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [5, 22, 29]


def test_advice_fits_the_buffer_type() -> None:
    found = findings_for("RB310", SOURCE, builtin_registry(), {})
    assert found[0].message == (
        "`data = data[size + 1 :]` inside `while data:` copies the rest of the buffer on every "
        "iteration (`while data` repeats as long as the code decides)"
    )
    assert "memoryview(data)" in found[0].rationale
    assert "del buf[:n]" in found[2].rationale
    assert "del buf" not in found[1].rationale
