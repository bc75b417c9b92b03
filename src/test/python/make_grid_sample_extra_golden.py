"""Extra reference vectors for org.istn.nn.warp, computed with PyTorch (CPU, float32).

The shared file golden/grid_sample.json has one channel per sampler case and no affine_grid
backward; this adds:
  * grid_sample cases with several channels, grid points well outside [-1, 1] (zero padding),
    and a size-1 spatial axis, 2D and 3D, align_corners False and True;
  * affine_grid cases with the gradient to theta for a given upstream gradient of the grid,
    including size-1 axes.
The layout of each case is that of grid_sample.json (shape + flat C-order data).

Run from the project root:  python3 src/test/python/make_grid_sample_extra_golden.py
Writes src/test/resources/golden/grid_sample_extra.json (checked in; tests never need torch).
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(20240611)


def tensor(t):
    # float32 values written as the exact doubles they are, so Java reads them bit-identically
    return {'shape': list(t.shape), 'data': [float(v) for v in t.detach().flatten().tolist()]}


cases = []
sampler_shapes = [
    ((2, 3, 4, 5), (2, 3, 6, 2)),
    ((1, 2, 1, 5), (1, 2, 3, 2)),
    ((2, 2, 3, 4, 5), (2, 2, 3, 4, 3)),
    ((1, 2, 1, 4, 3), (1, 2, 2, 3, 3)),
]
for in_shape, grid_shape in sampler_shapes:
    for align in (False, True):
        x = torch.randn(*in_shape, dtype=torch.float32, requires_grad=True)
        grid = ((torch.rand(*grid_shape, dtype=torch.float32) * 2 - 1) * 1.6).requires_grad_(True)
        out = F.grid_sample(x, grid, mode='bilinear', padding_mode='zeros', align_corners=align)
        up = torch.randn_like(out)
        gx, gg = torch.autograd.grad(out, (x, grid), up)
        cases.append({'kind': 'grid_sample', 'dims': len(in_shape) - 2, 'align_corners': align,
                      'input': tensor(x), 'grid': tensor(grid), 'output': tensor(out),
                      'upstream_grad': tensor(up), 'grad_input': tensor(gx),
                      'grad_grid': tensor(gg)})

affine_sizes = [(2, 1, 5, 6), (1, 3, 1, 4), (2, 1, 4, 5, 6), (1, 1, 1, 3, 2)]
for size in affine_sizes:
    for align in (False, True):
        dims = len(size) - 2
        theta = torch.randn(size[0], dims, dims + 1, dtype=torch.float32, requires_grad=True)
        grid = F.affine_grid(theta, list(size), align_corners=align)
        up = torch.randn_like(grid)
        (gt,) = torch.autograd.grad(grid, (theta,), up)
        cases.append({'kind': 'affine_grid', 'dims': dims, 'align_corners': align,
                      'size': list(size), 'theta': tensor(theta), 'grid': tensor(grid),
                      'upstream_grad': tensor(up), 'grad_theta': tensor(gt)})

with open('src/test/resources/golden/grid_sample_extra.json', 'w') as f:
    json.dump({'source': 'torch %s' % torch.__version__, 'cases': cases}, f)
print('wrote', len(cases), 'cases')
