"""Which operations an ONNX model file holds, read from its protobuf wire format: the app does not
ship the `onnx` package, and onnxruntime would already run parts of a graph while it opens it.

ModelProto: graph = 7, functions = 25; GraphProto: node = 1; FunctionProto: node = 7;
NodeProto: op_type = 4, attribute = 5; AttributeProto: g = 6, graphs = 11 (a subgraph).
"""

CONTROL_FLOW_OPS = frozenset({"Loop", "Scan", "If", "SequenceMap"})


def first_control_flow(data: bytes) -> str | None:
    """The op type of the first node, in the main graph or a model-local function, that loops or
    branches or carries a subgraph (at most 40 characters); None when there is none. ValueError if
    the bytes are not an ONNX protobuf."""
    bodies = []
    for number, span in _fields(data, 0, len(data)):
        if number == 7:                                          # every occurrence: protobuf merges them
            bodies += [s for n, s in _fields(data, *span) if n == 1]
        elif number == 25:
            bodies += [s for n, s in _fields(data, *span) if n == 7]
    for start, end in bodies:
        op_type, subgraph = "", False
        for number, span in _fields(data, start, end):
            if number == 4:
                op_type = bytes(data[span[0]:span[1]]).decode("utf-8", "replace")
            elif number == 5:
                subgraph = subgraph or any(n in (6, 11) for n, _ in _fields(data, *span))
        if op_type in CONTROL_FLOW_OPS or subgraph:
            op_type = op_type or "unnamed"
            return op_type if len(op_type) <= 40 else op_type[:40] + "..."
    return None


def _fields(data: bytes, start: int, end: int):
    """(field number, (start, end)) of each length-delimited field in data[start:end]; ValueError if
    the bytes are not protobuf."""
    pos = start
    while pos < end:
        key, pos = _varint(data, pos, end)
        wire = key & 7
        if wire == 0:
            _, pos = _varint(data, pos, end)
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        elif wire == 2:
            length, pos = _varint(data, pos, end)
            if pos + length > end:
                raise ValueError("a field runs past the end of the file")
            yield key >> 3, (pos, pos + length)
            pos += length
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
    if pos != end:
        raise ValueError("a field runs past the end of the file")


def _varint(data: bytes, pos: int, end: int) -> tuple[int, int]:
    value = shift = 0
    while pos < end and shift < 64:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
    raise ValueError("a truncated or overlong number")
