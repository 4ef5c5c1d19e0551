#!/usr/bin/env python3
"""
x86-cpu-facts.py: read the x86 CPU models and flag names from the reference
QEMU 7.2 binary and print them as the C tables of target/i386/.

The facts come only from the running reference (never from its sources):
  - flag names:  `qemu-system-x86_64 -cpu help`
  - flag bits:   the "feature-words"/"filtered-features" properties of a
                 `-cpu base,FLAG=on` CPU, and for feature MSRs the filter
                 warnings ("MSR(48BH).vmx-ept [bit 1]")
  - models:      query-cpu-definitions and query-cpu-model-expansion
                 (type full) under TCG; vme from the KVM expansion (TCG
                 turns it off), auto-level off for the models' own levels.

Usage:
  x86-cpu-facts.py collect DIR     query the reference (a few minutes)
  x86-cpu-facts.py features DIR    print the flag table (cpu-features.c)
  x86-cpu-facts.py models DIR      print the model table (cpu-models.c)
  x86-cpu-facts.py tcg DIR         print the software CPU's flags (cpu-expand.c)
"""
import concurrent.futures as cf
import json
import os
import re
import subprocess
import sys

QEMU = os.environ.get('QEMU', 'qemu-system-x86_64')


class Qmp:
    def __init__(self, args):
        self.p = subprocess.Popen([QEMU, '-S', '-qmp', 'stdio', '-nodefaults',
                                   '-display', 'none'] + args,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        json.loads(self.p.stdout.readline())
        self.cmd('qmp_capabilities')

    def cmd(self, name, **args):
        req = {'execute': name}
        if args:
            req['arguments'] = args
        self.p.stdin.write(json.dumps(req) + '\n')
        self.p.stdin.flush()
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError(self.p.stderr.read())
            r = json.loads(line)
            if 'event' not in r:
                return r

    def close(self):
        try:
            self.cmd('quit')
        except RuntimeError:
            pass
        self.p.wait()
        return self.p.stderr.read()


def run_cpu(cpu, accel='tcg'):
    """Feature words and warnings of a -M pc CPU."""
    try:
        q = Qmp(['-M', 'pc', '-accel', accel, '-cpu', cpu])
        path = '/machine/unattached/device[0]'
        fw = q.cmd('qom-get', path=path, property='feature-words')['return']
        ff = q.cmd('qom-get', path=path, property='filtered-features')['return']
        err = q.close()
    except RuntimeError as e:
        fw, ff, err = [], [], str(e)
    bits = []
    for a, b in zip(fw, ff):
        v = a['features'] | b['features']
        if v:
            leaf = a['cpuid-input-eax']
            bits.append((leaf, a.get('cpuid-input-ecx'), a['cpuid-register'], v))
    warns = re.findall(r"(?:feature|requested): (\S+)\.([^.\s]+) \[bit (\d+)\]", err)
    return bits, warns


def collect(out):
    os.makedirs(out, exist_ok=True)
    text = subprocess.run([QEMU, '-cpu', 'help'], capture_output=True,
                          text=True).stdout
    open(os.path.join(out, 'cpu-help.txt'), 'w').write(text)
    flags = text.split('Recognized CPUID flags:')[1].split()
    q = Qmp(['-M', 'none', '-accel', 'tcg'])
    props = q.cmd('device-list-properties', typename='max-x86_64-cpu')['return']
    q.close()
    aliases = [p['name'] for p in props if p['type'] == 'bool'
               and 'default-value' not in p and p['name'] not in flags
               and p['name'] != 'start-powered-off']
    # Dependent flags (feature MSRs) only survive with their parents on.
    parents = ('vmx=on,vmx-secondary-ctls=on,vmx-ept=on,vmx-vpid=on,'
               'vmx-vmfunc=on,lm=on,mpx=on,invpcid=on,rdseed=on,rdrand=on,'
               'rdtscp=on,xsaves=on,intel-pt=on,svm=on,arch-capabilities=on,'
               'pdcm=on,core-capability=on')

    def probe(name):
        bits, warns = run_cpu('base,%s=on' % name)
        if not bits and not warns:      # TCG drops the KVM leaves silently
            bits, warns = run_cpu('base,%s=on' % name, 'kvm')
        mbits, mwarns = run_cpu('base,%s,%s=on' % (parents, name))
        mwarns = [w for w in mwarns if w[0].startswith('MSR') and w[1] in (name,)]
        return name, {'bits': bits, 'warns': warns + mwarns}
    names = list(dict.fromkeys(flags + aliases))
    with cf.ThreadPoolExecutor(4) as ex:
        bits = dict(ex.map(probe, names))
    # Aliases print their canonical name in warnings: find it by bit.
    json.dump({'flags': flags, 'aliases': aliases, 'bits': bits},
              open(os.path.join(out, 'flags.json'), 'w'), indent=1)
    models = {}
    for accel in ('tcg', 'kvm'):
        q = Qmp(['-M', 'pc', '-accel', accel])
        defs = q.cmd('query-cpu-definitions')['return']
        exp, raw, dep = {}, {}, {}
        for x in defs:
            # Flags that need a parent flag are dropped from the expansion
            # when the model lacks it: turn the parents on to see them.
            r = q.cmd('query-cpu-model-expansion', type='full',
                      model={'name': x['name'],
                             'props': {p: True for p in DEP_PARENTS}})
            dep[x['name']] = r['return']['model']['props']
            r = q.cmd('query-cpu-model-expansion', type='full',
                      model={'name': x['name']})
            exp[x['name']] = r['return']['model']['props']
            r = q.cmd('query-cpu-model-expansion', type='full',
                      model={'name': x['name'],
                             'props': {'full-cpuid-auto-level': False}})
            raw[x['name']] = r['return']['model']['props']
        q.close()
        models[accel] = {'defs': defs, 'exp': exp, 'raw': raw, 'dep': dep}
    json.dump(models, open(os.path.join(out, 'models.json'), 'w'))


DEP_PARENTS = ('vmx', 'svm', 'arch-capabilities', 'core-capability', 'pdcm',
               'intel-pt')
DEP_WORDS = ('FEAT_SVM', 'FEAT_VMX', 'FEAT_ARCH_CAPABILITIES',
             'FEAT_CORE_CAPABILITY', 'FEAT_PERF_CAPABILITIES', 'FEAT_14_0_ECX')

CPUID_WORDS = {
    (1, None, 'EDX'): 'FEAT_1_EDX', (1, None, 'ECX'): 'FEAT_1_ECX',
    (7, 0, 'EBX'): 'FEAT_7_0_EBX', (7, 0, 'ECX'): 'FEAT_7_0_ECX',
    (7, 0, 'EDX'): 'FEAT_7_0_EDX', (7, 1, 'EAX'): 'FEAT_7_1_EAX',
    (0x80000001, None, 'EDX'): 'FEAT_8000_0001_EDX',
    (0x80000001, None, 'ECX'): 'FEAT_8000_0001_ECX',
    (0x80000007, None, 'EDX'): 'FEAT_8000_0007_EDX',
    (0x80000008, None, 'EBX'): 'FEAT_8000_0008_EBX',
    (0xC0000001, None, 'EDX'): 'FEAT_C000_0001_EDX',
    (0x40000001, None, 'EAX'): 'FEAT_KVM', (0x40000001, None, 'EDX'): 'FEAT_KVM_HINTS',
    (0x8000000A, None, 'EDX'): 'FEAT_SVM', (0xD, 1, 'EAX'): 'FEAT_XSAVE',
    (6, None, 'EAX'): 'FEAT_6_EAX', (0xD, 0, 'EAX'): 'FEAT_XSAVE_COMP_LO',
    (0xD, 0, 'EDX'): 'FEAT_XSAVE_COMP_HI', (0x14, 0, 'ECX'): 'FEAT_14_0_ECX',
    (0x12, 0, 'EAX'): 'FEAT_SGX_12_0_EAX', (0x12, 0, 'EBX'): 'FEAT_SGX_12_0_EBX',
    (0x12, 1, 'EAX'): 'FEAT_SGX_12_1_EAX', (0xD, 1, 'ECX'): 'FEAT_XSAVE_XSS_LO',
    (0xD, 1, 'EDX'): 'FEAT_XSAVE_XSS_HI',
}
MSR_WORDS = {
    0x10A: 'FEAT_ARCH_CAPABILITIES', 0xCF: 'FEAT_CORE_CAPABILITY',
    0x345: 'FEAT_PERF_CAPABILITIES', 0x48E: 'FEAT_VMX_PROCBASED_CTLS',
    0x48B: 'FEAT_VMX_SECONDARY_CTLS', 0x48D: 'FEAT_VMX_PINBASED_CTLS',
    0x48F: 'FEAT_VMX_EXIT_CTLS', 0x490: 'FEAT_VMX_ENTRY_CTLS',
    0x485: 'FEAT_VMX_MISC', 0x48C: 'FEAT_VMX_EPT_VPID_CAPS',
    0x480: 'FEAT_VMX_BASIC', 0x491: 'FEAT_VMX_VMFUNC',
}


def flag_bits(facts):
    """name -> [(word, bit)] for canonical flags; alias -> canonical."""
    table, alias_of = {}, {}
    warn_word = {}
    for name, r in facts['bits'].items():
        found = set()
        for where, canon, bit in r['warns']:
            m = re.match(r'MSR\((\w+)H\)', where)
            if m:
                found.add((MSR_WORDS[int(m.group(1), 16)], int(bit), canon))
        if not found:
            ws = [w for w in r['warns'] if w[0].startswith('CPUID')]
            for leaf, sub, reg, v in r['bits']:
                word = CPUID_WORDS[(leaf, sub if (leaf, sub, reg) in CPUID_WORDS else None, reg)] \
                    if (leaf, sub, reg) in CPUID_WORDS else CPUID_WORDS[(leaf, None, reg)]
                if word.startswith('FEAT_XSAVE_COMP'):
                    continue    # XCR0 components follow the flags, unnamed
                for bit in range(32):
                    if v >> bit & 1:
                        found.add((word, bit, None))
            if ws:      # xsave also turns on XCR0 components: keep the named bit
                canon = ws[0][1]
                found = {f for f in found if f[1] == int(ws[0][2])}
                found = {(f[0], f[1], canon) for f in found}
        table[name] = sorted(found)
    for name in facts['aliases']:
        for cand in facts['flags']:
            if [x[:2] for x in table[cand]] == [x[:2] for x in table[name]]:
                alias_of[name] = cand
                break
    return {n: [x[:2] for x in table[n]] for n in facts['flags']}, alias_of


def print_features(d):
    facts = json.load(open(os.path.join(d, 'flags.json')))
    table, alias_of = flag_bits(facts)
    words = {}
    for name, bits in table.items():
        for w, b in bits:
            words.setdefault(w, {})[b] = name
    order = list(CPUID_WORDS.values()) + list(MSR_WORDS.values())
    for w in order:
        if w not in words:
            continue
        print('    [%s] = {' % w)
        for b in sorted(words[w]):
            print('        [%d] = "%s",' % (b, words[w][b]))
        print('    },')
    print('--- aliases')
    for a, c in sorted(alias_of.items()):
        print('    { "%s", "%s" },' % (a, c))


def print_models(d):
    facts = json.load(open(os.path.join(d, 'flags.json')))
    models = json.load(open(os.path.join(d, 'models.json')))
    flags = facts['flags']
    tcg, kvm = models['tcg'], models['kvm']
    help_text = open(os.path.join(d, 'cpu-help.txt')).read()
    descs = {}
    for line in help_text.split('\n'):
        m = re.match(r'x86 (\S+)\s*(.*)$', line)
        if m:
            descs[m.group(1)] = m.group(2)
    bases = {}
    aliases = {}
    for x in tcg['defs']:
        m = re.match(r'(.*)-v(\d+)$', x['name'])
        if m:
            bases.setdefault(m.group(1), []).append(int(m.group(2)))
        elif 'alias-of' in x and x['alias-of'] != x['name'] + '-v1':
            aliases[x['alias-of']] = x['name']

    table, _ = flag_bits(facts)
    dependent = {f for f, bits in table.items()
                 if any(w.startswith(DEP_WORDS) for w, b in bits)}

    def on(name):
        p = dict(tcg['exp'][name])
        p['vme'] = kvm['exp'][name]['vme']
        for f in dependent:
            p[f] = tcg['dep'][name][f]
        return [f for f in dict.fromkeys(flags) if p.get(f) and f != 'hypervisor']

    def cstr(s):
        return '"%s"' % s.replace('\\', '\\\\').replace('"', '\\"')

    def wrap(words, indent):
        lines, cur = [], ''
        for w in words:
            if len(cur) + len(w) + 1 > 66 - indent:
                lines.append(cur)
                cur = ''
            cur += w + ' '
        lines.append(cur)
        lines = [l for l in lines if l]
        if lines:
            lines[-1] = lines[-1].rstrip()
        return ('\n' + ' ' * indent).join('"%s"' % l for l in lines) or '""'
    # The nested-VMX capabilities repeat across a CPU generation: one shared
    # string per distinct set.
    order = sorted(bases, key=str.lower)
    vmx_sets = {}
    for base in order:
        vset = ' '.join(f for f in on('%s-v1' % base) if f.startswith('vmx-'))
        if vset and vset not in vmx_sets:
            vmx_sets[vset] = 'vmx_' + re.sub(r'\W', '_', base.lower())
    for vset, cname in vmx_sets.items():
        print('static const char %s[] =' % cname)
        print('    %s;' % wrap(vset.split(), 4))
    print('--- models')
    for base in order:
        vs = sorted(bases[base])
        v1 = '%s-v1' % base
        p = tcg['exp'][v1]
        raw = tcg['raw'][v1]
        cache = 'NULL' if p['legacy-cache'] else \
            '&%s_cache_info' % base.lower().replace('-', '_').replace('_v1', '')
        print('    {')
        print('        .name = %s,' % cstr(base))
        print('        .vendor = %s, .family = %d, .model = %d, .stepping = %d,'
              % (cstr(p['vendor']), p['family'], p['model'], p['stepping']))
        print('        .level = %#x, .xlevel = %#x, .xlevel2 = %#x,'
              % (raw['min-level'], raw['min-xlevel'], raw['min-xlevel2']))
        print('        .model_id = %s,' % cstr(p['model-id']))
        if cache != 'NULL':
            print('        .cache_info = %s,' % cache)
        print('        .flags = %s,' % wrap([f for f in on(v1) if not f.startswith('vmx-')], 17))
        vset = ' '.join(f for f in on(v1) if f.startswith('vmx-'))
        if vset:
            print('        .vmx = %s,' % vmx_sets[vset])
        if len(vs) > 1 or v1 in aliases:
            print('        .versions = (const X86CPUVersion[]) {')
            for v in vs:
                name = '%s-v%d' % (base, v)
                prev = '%s-v%d' % (base, v - 1) if v > 1 else None
                fields = ['.version = %d' % v]
                if name in aliases:
                    fields.append('.alias = %s' % cstr(aliases[name]))
                desc = descs.get(name, '')
                pn = tcg['exp'][name]
                if desc.startswith(pn['model-id'] + ' ['):
                    fields.append('.note = %s' % cstr(desc[len(pn['model-id']) + 2:-1]))
                if prev:
                    a, b = set(on(prev)), set(on(name))
                    ch = ['+' + f for f in flags if f in b - a] + \
                         ['-' + f for f in flags if f in a - b]
                    pp = tcg['exp'][prev]
                    for k in ('stepping', 'model'):
                        if pp[k] != pn[k]:
                            ch.append('%s=%s' % (k, pn[k]))
                    if pp['model-id'] != pn['model-id']:
                        fields.append('.model_id = %s' % cstr(pn['model-id']))
                    if ch:
                        fields.append('.props = %s' % wrap(
                            list(dict.fromkeys(ch)), 24).replace(
                                '" "', '"\n                        "'))
                # one field after the other, a new line when one would
                # pass the 79th column
                out, line = [], '            { '
                for i, f in enumerate(fields):
                    text = f + (', ' if i + 1 < len(fields) else ' },')
                    first = text.split('\n')[0]
                    if line.strip() not in ('{',) and \
                            len(line) + len(first) > 79:
                        out.append(line.rstrip())
                        line = '              '
                    line += text
                out.append(line)
                print('\n'.join(out))
            print('            { 0 }')
            print('        },')
        print('    },')


def print_tcg(d):
    """The flags the reference's software CPU supports: its "max"."""
    facts = json.load(open(os.path.join(d, 'flags.json')))
    models = json.load(open(os.path.join(d, 'models.json')))
    p = models['tcg']['exp']['max']
    names = [f for f in dict.fromkeys(facts['flags']) if p.get(f)]
    lines, cur = [], ''
    for n in names:
        if len(cur) + len(n) + 1 > 64:
            lines.append(cur)
            cur = ''
        cur += n + ' '
    lines.append(cur)
    print('\n'.join('    "%s"' % l for l in lines))


if __name__ == '__main__':
    cmd, d = sys.argv[1], sys.argv[2]
    {'collect': collect, 'features': print_features, 'models': print_models,
     'tcg': print_tcg}[cmd](d)
