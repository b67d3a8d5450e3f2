# Splits the blind questions into the dev and held-out halves by the frozen rule in BlindSet.IsHeldOut:
# a case is held out when the first byte of the SHA-256 of its id (UTF-8) is odd.
import hashlib, json, os, sys, glob, shutil
src = sys.argv[2] if len(sys.argv) > 2 else '.'
dst = sys.argv[1]
os.makedirs(f'{dst}/dev', exist_ok=True); os.makedirs(f'{dst}/heldout', exist_ok=True)
for cat in sorted(glob.glob(f'{src}/catalog-*.json')):
    n = os.path.basename(cat)[len('catalog-'):-len('.json')]
    shutil.copy(cat, f'{dst}/catalog-{n}.json')
    cases = json.load(open(f'{src}/questions-{n}.json'))
    ids = [c['id'] for c in cases]
    assert len(ids) == len(set(ids)), f'duplicate ids in {n}'
    held = [c for c in cases if hashlib.sha256(c['id'].encode()).digest()[0] & 1]
    dev = [c for c in cases if not hashlib.sha256(c['id'].encode()).digest()[0] & 1]
    for half, part in (('dev', dev), ('heldout', held)):
        with open(f'{dst}/{half}/questions-{n}.json', 'w') as f:
            json.dump(part, f, ensure_ascii=False, indent=1); f.write('\n')
    print(n, 'cases', len(cases), 'dev', len(dev), sum(len(c['turns']) for c in dev), 'heldout', len(held), sum(len(c['turns']) for c in held))
