#!/usr/bin/env python3
"""
cpuid-ref-gen.py: record the reference's CPUID answers and texts for
test-cpuid.c (writes tests/unit/cpuid-ref-data.h).

A tiny firmware (below) runs CPUID for every leaf range and subleaf 0..15
at reset and writes the registers to the debug console; it runs under the
reference QEMU 7.2 with TCG for each model and topology.  `-cpu help`,
the APIC ids of some -smp topologies and `info registers` texts come from
the same binary.  Needs gcc/as/ld.

    python3 tests/unit/cpuid-ref-gen.py > tests/unit/cpuid-ref-data.h
"""
import json, os, re, struct, subprocess, sys, tempfile, time
import concurrent.futures as cf

QEMU = os.environ.get('QEMU', 'qemu-system-x86_64')

DUMPER = r'''
        .code16
start:  cli
        xor %ax, %ax
        mov %ax, %ds
        mov %ax, %ss
        mov $0x7000, %sp
        movw $ranges, 0x520
1:      mov 0x520, %bx
        mov %cs:(%bx), %ebp
        cmp $0xffffffff, %ebp
        je done
        mov %cs:4(%bx), %edi
2:      xor %esi, %esi
3:      mov %ebp, %eax
        mov %esi, %ecx
        cpuid
        mov %ebp, 0x500
        mov %esi, 0x504
        mov %eax, 0x508
        mov %ebx, 0x50c
        mov %ecx, 0x510
        mov %edx, 0x514
        push %si
        mov $0x500, %si
        mov $24, %cx
        mov $0xe9, %dx
        rep outsb
        pop %si
        inc %esi
        cmp $16, %esi
        jb 3b
        inc %ebp
        dec %edi
        jnz 2b
        addw $8, 0x520
        jmp 1b
done:   mov $0xf4, %dx
        xor %al, %al
        out %al, %dx
        hlt
        jmp done
ranges: .long 0x00000000, 0x24
        .long 0x40000000, 0x12
        .long 0x80000000, 0x24
        .long 0xc0000000, 0x5
        .long 0xffffffff, 0
        .org 0xfff0
        .byte 0xea
        .word start, 0xf000
        .org 0x10000
'''


def build_dumper(d):
    src = os.path.join(d, 'dump.S')
    open(src, 'w').write(DUMPER)
    subprocess.run(['as', '--32', '-o', os.path.join(d, 'dump.o'), src],
                   check=True)
    subprocess.run(['ld', '-e', '0', '-m', 'elf_i386', '-Ttext', '0',
                    '--oformat', 'binary', '-o', os.path.join(d, 'dump.bin'),
                    os.path.join(d, 'dump.o')], check=True)
    return os.path.join(d, 'dump.bin')


def dump(bios, cpu, smp):
    fd, path = tempfile.mkstemp()
    os.close(fd)
    subprocess.run([QEMU, '-M', 'pc', '-accel', 'tcg', '-nodefaults',
                    '-display', 'none', '-bios', bios, '-debugcon',
                    'file:' + path, '-device', 'isa-debug-exit,iobase=0xf4',
                    '-cpu', cpu, '-smp', smp], capture_output=True,
                   timeout=60)
    b = open(path, 'rb').read()
    os.unlink(path)
    regs = {}
    for i in range(0, len(b) - 23, 24):
        r = struct.unpack('<6I', b[i:i + 24])
        regs[(r[0], r[1])] = r[2:]
    return regs


INDEXED = {4: 5, 7: 3, 0xB: 4, 0xD: 10, 0x1F: 4, 0x8000001D: 5}


def leaves_of(regs):
    level = regs[(0, 0)][0]
    xlevel = regs[(0x80000000, 0)][0]
    want = list(range(0, min(level, 0x20) + 2))
    want += [0x40000000, 0x40000001, 0x40000002]
    if xlevel >= 0x80000000:
        want += list(range(0x80000000, min(xlevel, 0x80000021) + 2))
    want += [0xC0000000, 0xC0000001]
    out = []
    for leaf in want:
        if leaf == 0x1C:        # the reference leaves its registers unset
            continue
        for sub in range(INDEXED.get(leaf, 1)):
            if (leaf, sub) in regs:
                out.append((leaf, sub) + tuple(regs[(leaf, sub)]))
    return out


def qmp_session(args, cmds):
    p = subprocess.Popen([QEMU, '-S', '-qmp', 'stdio', '-nodefaults',
                          '-display', 'none'] + args, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    p.stdout.readline()
    out = []
    for c in [{'execute': 'qmp_capabilities'}] + cmds + [{'execute': 'quit'}]:
        p.stdin.write(json.dumps(c) + '\n')
        p.stdin.flush()
        while True:
            r = json.loads(p.stdout.readline())
            if 'event' not in r:
                out.append(r)
                break
    p.wait()
    return out[1:-1]


def c_str(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace(
        '\n', '\\n') + '"'


def main():
    d = tempfile.mkdtemp()
    bios = build_dumper(d)
    defs = qmp_session(['-M', 'none', '-accel', 'tcg'],
                       [{'execute': 'query-cpu-definitions'}])[0]['return']
    models = sorted(x['name'] for x in defs
                    if re.search(r'-v\d+$', x['name']) or x['name'] == 'max')
    full = [('Haswell-v1', '1'), ('qemu64-v1', '1'), ('qemu32-v1', '1'),
            ('EPYC-v1', '1'), ('Dhyana-v1', '1'), ('Cooperlake-v1', '1'),
            ('n270-v1', '1'), ('486-v1', '1'), ('max', '1'),
            ('Skylake-Server-v4', '1'), ('Icelake-Server-v1', '1'),
            ('Haswell-v1', '8,sockets=2,cores=2,threads=2'),
            ('Haswell-v1', '16,sockets=2,dies=2,cores=2,threads=2'),
            ('Haswell-v1', '6,sockets=1,cores=3,threads=2'),
            ('Haswell-v1', '12,sockets=1,cores=12,threads=1'),
            ('EPYC-v1', '8,sockets=2,cores=2,threads=2'),
            ('EPYC-v1', '16,sockets=2,dies=2,cores=2,threads=2'),
            ('EPYC-Rome-v1', '6,sockets=1,cores=3,threads=2'),
            ('qemu64-v1', '8,sockets=2,cores=2,threads=2'),
            ('Haswell,+avx512f,-xsave', '1'),
            ('Haswell,l3-cache=off', '4,cores=2,threads=2'),
            ('EPYC,l3-cache=off', '4,cores=2,threads=2'),
            ('qemu64,+topoext', '4,cores=2,threads=2')]
    jobs = [(m, '1') for m in models] + full
    with cf.ThreadPoolExecutor(4) as ex:
        dumps = dict(zip(jobs, ex.map(lambda j: dump(bios, *j), jobs)))

    print('/*\n * cpuid-ref-data.h: answers of the reference QEMU 7.2 (TCG), '
          'recorded by\n * tests/unit/cpuid-ref-gen.py for test-cpuid.c.  '
          'Do not edit.\n */')
    print('typedef struct RefLeaf { uint32_t leaf, sub, r[4]; } RefLeaf;')
    print('typedef struct RefModel {\n    const char *name;\n'
          '    uint32_t level, xlevel, l1[4], l7[4], x1[2], x8, d0[3], d1[2];'
          '\n} RefModel;')
    print('static const RefModel ref_models[] = {')
    for m in models:
        r = dumps[(m, '1')]
        g = lambda k: r.get(k, (0, 0, 0, 0))
        print('    { "%s", %#x, %#x, { %s }, { %s }, { %#x, %#x }, %#x, '
              '{ %#x, %#x, %#x }, { %#x, %#x } },' % (
                  m, g((0, 0))[0], g((0x80000000, 0))[0],
                  ', '.join('%#x' % x for x in g((1, 0))),
                  ', '.join('%#x' % x for x in g((7, 0))),
                  g((0x80000001, 0))[2], g((0x80000001, 0))[3],
                  g((0x80000008, 0))[0], g((0xD, 0))[0], g((0xD, 0))[2],
                  g((0xD, 0))[3], g((0xD, 1))[0], g((0xD, 1))[1]))
    print('};')
    print('typedef struct RefDump {\n    const char *cpu, *smp;\n'
          '    const RefLeaf *leaves;\n} RefDump;')
    for i, job in enumerate(full):
        print('static const RefLeaf ref_dump_%d[] = {' % i)
        for e in leaves_of(dumps[job]):
            print('    { %#x, %d, { %#x, %#x, %#x, %#x } },' % e)
        print('    { 0xffffffff }\n};')
    print('static const RefDump ref_dumps[] = {')
    for i, (cpu, smp) in enumerate(full):
        print('    { "%s", "%s", ref_dump_%d },' % (cpu, smp, i))
    print('};')

    print('typedef struct RefTopo { const char *smp; unsigned dies, cores, '
          'threads, n; uint32_t ids[32]; } RefTopo;')
    print('static const RefTopo ref_topos[] = {')
    for smp, dies, cores, threads in [
            ('8,sockets=2,cores=2,threads=2', 1, 2, 2),
            ('12,sockets=2,cores=3,threads=2', 1, 3, 2),
            ('16,sockets=2,dies=2,cores=2,threads=2', 2, 2, 2),
            ('24,sockets=2,dies=3,cores=2,threads=2', 3, 2, 2)]:
        cpus = qmp_session(['-M', 'pc', '-accel', 'tcg', '-smp', smp],
                           [{'execute': 'query-cpus-fast'}])[0]['return']
        ids = [qmp_session(['-M', 'pc', '-accel', 'tcg', '-smp', smp],
                           [{'execute': 'qom-get', 'arguments': {
                               'path': c['qom-path'],
                               'property': 'apic-id'}}])[0]['return']
               for c in cpus]
        print('    { "%s", %d, %d, %d, %d, { %s } },' % (
            smp, dies, cores, threads, len(ids),
            ', '.join(str(x) for x in ids)))
    print('};')

    # the model flags before any filtering (TCG: vme off, no KVM flags)
    names = [x['name'] for x in defs]
    exps = qmp_session(['-M', 'none', '-accel', 'tcg'], [
        {'execute': 'query-cpu-model-expansion',
         'arguments': {'type': 'static', 'model': {'name': n}}}
        for n in names])
    print('typedef struct RefExpansion { const char *name, *flags; '
          'uint32_t level, xlevel; } RefExpansion;')
    print('static const RefExpansion ref_expansions[] = {')
    for n, e in zip(names, exps):
        p = e['return']['model']['props']
        on = ' '.join(sorted(k for k, v in p.items() if v is True
                             and k != 'lmce'))
        print('    { "%s",\n      %s,\n      %#x, %#x },' % (
            n, c_str(on), p['min-level'], p['min-xlevel']))
    print('};')

    help_text = subprocess.run([QEMU, '-cpu', 'help'], capture_output=True,
                               text=True).stdout
    print('static const char ref_cpu_help[] =')
    for line in help_text.splitlines(True):
        print('    %s' % c_str(line))
    print(';')


if __name__ == '__main__':
    main()
