"""torch's facts about a tensor's shape, as the analysis reads them (``dims.py``): which
ops and factories surely give a tensor dimensions, which reduce them away, and which
answer a size. Whether a tensor has dimensions decides torch's type promotion and
whether a CPU tensor may meet one on a GPU (a 0-dim one may). (The rest of torch's
facts are ``torch_api.py``'s.)"""

from __future__ import annotations

from torchlint.analysis.torch_api import SIZED_NEW, WINDOWS

# Reductions that, called without arguments (``x.max()``, ``x.sum()``), give a 0-dim
# tensor, which meets a tensor on any device as a Python number would.
FULL_REDUCTIONS = frozenset("sum mean max min prod amax amin norm std var median all any".split())
# Whether a tensor has dimensions decides torch's type promotion in ``a * b``: a
# float64 tensor with dimensions makes a float32 one float64, a zero-dimensional
# one (``t.sum()``, ``t[i]``) does not. The ops of SAME_PLACE_OPS whose result has
# at least one dimension whatever the input's shape (``view``/``reshape``/``expand``/
# ``repeat`` only when given a size: ``view(())`` has none), and those whose result has
# the input's shape (elementwise). Reductions and indexing are neither.
SHAPED_RESULTS = frozenset("unsqueeze flatten unflatten one_hot".split())
# Reductions over a ``dim`` (keyword, or first positional but for ``norm``, whose first
# is ``p``): over dimension 1 or -2 and beyond, the input has two dimensions at least
# and the result one (``mask.sum(dim=1)``); with ``keepdim=True``, the input's.
DIM_REDUCTIONS = frozenset("sum mean std var amax amin argmax argmin max min norm".split())
SIZED_RESULTS = frozenset("view reshape expand repeat".split()) | SIZED_NEW
SHAPE_KEEPING = frozenset(
    """detach contiguous clone masked_fill cumsum cumprod softmax log_softmax sigmoid
    tanh relu gelu silu exp log abs sqrt rsqrt neg pow round clamp clip tril triu sin cos
    tan floor ceil sign fill_ zero_ normal_ uniform_ bernoulli_ random_ exponential_
    copy_ dropout normalize permute transpose flip roll t view_as reshape_as expand_as
    interpolate pad repeat_interleave eq ne lt le gt ge logical_not isnan isinf
    isfinite requires_grad_ softplus leaky_relu elu selu celu mish hardswish hardsigmoid
    hardtanh relu6 logsigmoid softsign log1p expm1 square reciprocal""".split()
)
# Tensor methods that answer a Python int: ``x.size(0)`` (``x.size()`` is a shape).
SIZE_QUERIES = frozenset("size numel nelement dim ndimension element_size".split())
# Factories whose first positional argument is a size: ``torch.ones(n)`` has one
# dimension, ``torch.ones(())`` none. (arange, linspace, logspace, eye, randperm
# always make one.)
SIZED_FACTORIES = frozenset("zeros ones empty full rand randn".split())
RANGE_FACTORIES = WINDOWS | frozenset("arange linspace logspace eye randperm".split())
