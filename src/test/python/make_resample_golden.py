"""Reference vectors for org.istn.data.Resampler, computed with PyTorch's
F.interpolate(mode='bilinear'/'trilinear', align_corners=False).

Run from the project root:  python3 src/test/python/make_resample_golden.py
Writes src/test/resources/golden/resample.json (checked in; tests never need torch).
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(7)
cases = []
for shape, target in [((9, 7), (4, 12)), ((5, 6), (5, 3)), ((6, 5, 7), (3, 8, 4)), ((4, 4, 4), (9, 2, 5))]:
    # our shape is (x, y[, z]) with x fastest == torch's (..., z, y, x) C-order layout
    torch_in = tuple(reversed(shape))
    torch_out = tuple(reversed(target))
    x = torch.rand(1, 1, *torch_in, dtype=torch.float64) * 10 - 3
    mode = 'bilinear' if len(shape) == 2 else 'trilinear'
    y = F.interpolate(x, size=torch_out, mode=mode, align_corners=False)
    cases.append({
        'shape': list(shape), 'target': list(target),
        'input': x.flatten().tolist(), 'output': y.flatten().tolist(),
    })
with open('src/test/resources/golden/resample.json', 'w') as f:
    json.dump({'generator': 'torch %s F.interpolate align_corners=False' % torch.__version__,
               'cases': cases}, f)
print('wrote', len(cases), 'cases')
