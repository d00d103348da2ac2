"""Safe symbol stripping for the Linux bundle (build.spec), instead of PyInstaller's ``strip=True``.

PyInstaller's global strip runs ``strip`` over every binary, and that breaks libraries that auditwheel
rewrote with patchelf (numpy.libs/libscipy_openblas64_*.so then fails to load: "ELF load command
address/offset not page-aligned"). Here each ELF file that still has a symbol table is stripped into a
cached copy (``strip --strip-unneeded``), and the copy is used only if every PT_LOAD segment of it keeps
the alignment the dynamic loader checks ((p_vaddr - p_offset) divisible by the page size and the
segment alignment). The files that gain most are libpython, pylibjpeg's codecs, Pillow's core and Python's
own extension modules: about 40 MB together.
"""

import hashlib
import os
import shutil
import struct
import subprocess
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
PT_LOAD = 1
SHT_SYMTAB = 2


def _header(data: bytes):
    """-> (is64, endian) for an ELF file, None for anything else."""
    if len(data) < 64 or data[:4] != ELF_MAGIC or data[4] not in (1, 2) or data[5] not in (1, 2):
        return None
    return data[4] == 2, "<" if data[5] == 1 else ">"


def _read(path: Path, size: int | None = None) -> bytes:
    with open(path, "rb") as f:
        return f.read() if size is None else f.read(size)


def load_segments(path) -> list[tuple[int, int, int]] | None:
    """(p_offset, p_vaddr, p_align) of each PT_LOAD segment; None if not an ELF file."""
    data = _read(Path(path))
    head = _header(data)
    if head is None:
        return None
    is64, e = head
    if is64:
        phoff, = struct.unpack_from(e + "Q", data, 0x20)
        phentsize, phnum = struct.unpack_from(e + "HH", data, 0x36)
    else:
        phoff, = struct.unpack_from(e + "I", data, 0x1C)
        phentsize, phnum = struct.unpack_from(e + "HH", data, 0x2A)
    segments = []
    for i in range(phnum):
        at = phoff + i * phentsize
        if is64:
            p_type, _flags, p_offset, p_vaddr, _paddr, _filesz, _memsz, p_align = struct.unpack_from(e + "IIQQQQQQ", data, at)
        else:
            p_type, p_offset, p_vaddr, _paddr, _filesz, _memsz, _flags, p_align = struct.unpack_from(e + "IIIIIIII", data, at)
        if p_type == PT_LOAD:
            segments.append((p_offset, p_vaddr, p_align))
    return segments


PAGE = 4096


def loadable(path) -> bool:
    """True when every PT_LOAD segment passes glibc's checks in _dl_map_object_from_fd: (p_vaddr - p_offset)
    a multiple of the page size and of p_align."""
    segments = load_segments(path)
    if not segments:
        return False
    return all((vaddr - offset) % PAGE == 0 and (align <= 1 or (vaddr - offset) % align == 0)
               for offset, vaddr, align in segments)


def has_symtab(path) -> bool:
    """True when the ELF file has a .symtab section (what strip removes)."""
    data = _read(Path(path))
    head = _header(data)
    if head is None:
        return False
    is64, e = head
    if is64:
        shoff, = struct.unpack_from(e + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(e + "HH", data, 0x3A)
    else:
        shoff, = struct.unpack_from(e + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(e + "HH", data, 0x2E)
    for i in range(shnum):
        at = shoff + i * shentsize + 4
        if at + 4 > len(data):
            return False
        sh_type, = struct.unpack_from(e + "I", data, at)
        if sh_type == SHT_SYMTAB:
            return True
    return False


def stripped_copy(src, cache_dir, strip_tool: str = "strip") -> Path | None:
    """A stripped, verified copy of ``src`` in ``cache_dir`` (reused across builds), or None when the
    file is not worth stripping or the stripped copy would not load."""
    src = Path(src)
    try:
        if not src.is_file() or _header(_read(src, 64)) is None or not has_symtab(src) or not loadable(src):
            return None
    except (OSError, struct.error):
        return None
    st = src.stat()
    key = hashlib.sha256(f"{src.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    out = Path(cache_dir) / key / src.name
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    shutil.copyfile(src, tmp)
    os.chmod(tmp, 0o755)
    done = subprocess.run([strip_tool, "--strip-unneeded", str(tmp)], capture_output=True, text=True)
    if done.returncode != 0 or not loadable(tmp) or tmp.stat().st_size >= st.st_size:
        tmp.unlink(missing_ok=True)
        return None
    os.replace(tmp, out)
    return out


def strip_toc(entries, cache_dir, log=print):
    """PyInstaller TOC entries (dest, src, typecode) -> the same with stripped sources where safe."""
    tool = shutil.which("strip")
    if tool is None:
        log("elf_strip: no 'strip' tool (binutils); binaries are bundled as they are")
        return list(entries)
    result, saved, count = [], 0, 0
    for dest, src, typecode in entries:
        if typecode in ("BINARY", "EXTENSION"):
            copy = stripped_copy(src, cache_dir, tool)
            if copy is not None:
                saved += os.path.getsize(src) - copy.stat().st_size
                count += 1
                src = str(copy)
        result.append((dest, src, typecode))
    log(f"elf_strip: stripped {count} binaries, {saved / 1048576:.1f} MB saved")
    return result
