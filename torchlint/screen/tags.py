"""The screen's vocabulary: the evidence tags rules declare in ``needs``, and the
word tables the units' walk reads them from."""

from __future__ import annotations

import ast

from torchlint.analysis.array_api import OPENCV_VIDEO_READER
from torchlint.analysis.loss_api import (
    LABELS_CROSS_ENTROPY_HEADS,
    LENGTH_LOSSES,
    LOGIT_LOSSES,
    PROBABILITY_LOSSES,
    RECORDED_LOSSES,
)
from torchlint.analysis.torch_api import (
    BOOL_OR_FLOAT_MASKS,
    COPY_FUNCTIONS,
    EMBEDDINGS,
    FLOAT_ONLY_FUNCTIONS,
    FLOAT_ONLY_METHODS,
    INDEX_FUNCTIONS,
    INDEX_METHODS,
    INT64_COUNTS,
    INT64_MAKERS,
    NO_CPU_HALF_OPS,
    OPENCV_IMAGE_READER,
    STRICT_DTYPE_METHODS,
    STRICT_DTYPE_OPS,
    SUBMODULE_ITERATORS,
    TORCHVISION_IMAGE_READERS,
    TORCHVISION_VIDEO_READER,
)

# Tags (the vocabulary rules declare in ``needs``).
MODULE_SOURCE = "module-source"  # what can make a module: nn.X(...), a class, from_pretrained
PLACED_MODULE = "placed-module"  # such a module (or a moved unknown) placed on a device
LATE_MODULE = "late-module"  # a module attached to something that was moved
# Two halves of LATE_MODULE through a call, joined where units are grouped
# (``evidence.py``): a placed module handed to a function of the file, and a
# statement that may attach a module to what a caller handed over (``setattr``,
# ``add_module``, ``m.x = ...`` off a method's ``self``).
HANDED_PLACED = "handed-placed"
ATTACHES = "attaches"
# Two more halves: a function that returns what it moved (``return model.to(device)``),
# and a module a call returned getting submodules (``model = load(device);
# model.head = ...``), joined into LATE_MODULE where units are grouped.
RETURNS_PLACED = "returns-placed"
RESULT_ATTACHED = "result-attached"
# (and a call's result handed to a function of the file, which may attach to it:
# ``unet = load(device); Patcher().patch(unet)``, joined with ATTACHES)
RESULT_HANDED = "result-handed"
ACCELERATOR = "accelerator"  # any evidence of a device: .to(, .cuda(, device=, prepare
HALF = "half"  # float16 / bfloat16 spelled somewhere
FLOAT64 = "float64"  # made or cast to float64: .double(), dtype=torch.float64, numpy data
# the word "cpu" (a name, an attribute, a string), or `is_available`: a run without a
# GPU is named or tested for
CPU_WORD = "cpu-word"
LOSS = "loss"  # a loss torch checks the target (or lengths) of (loss_api.RECORDED_LOSSES)
# a target dtype a loss may refuse: any target of a binary cross-entropy (integers are
# refused), or a tensor made or cast to a narrow integer type or to float64
TARGET_DTYPE = "target-dtype"
NUMPY_CALL = "numpy-call"  # t.numpy(), np.asarray(t)
NUMPY_DATA = "numpy-data"  # a numpy function called: its arrays are float64 unless told
# a Dataset class of the file: a DataLoader over it collates its items into tensors of
# their numpy dtypes (with NUMPY_DATA in the same units: FLOAT64, ``evidence._joined``)
DATASET_ITEMS = "dataset-items"
# numpy data made into a tensor (``torch.from_numpy``, ``torch.tensor``): with
# NUMPY_DATA in a unit screened with it (a class holding arrays, another converting
# them), FLOAT64 (``evidence._joined``)
TO_TORCH = "to-torch"
CALLABLE_MODULE = "callable-module"  # a module made here, or a moved value called
# what computes in one dtype: a module source, or an op that never promotes (torch.mm,
# @, F.linear, F.conv2d: torch_api.STRICT_DTYPE_OPS) or computes floating tensors only
# (x.mean(), torch.randn_like(x): torch_api.FLOAT_ONLY_FUNCTIONS)
COMPUTE = "compute"
DISCARDED_MOVE = "discarded-move"  # a bare `x.to(device)` statement
STALE_ALIAS = "stale-alias"  # x = x.to(device) where x also has another name
HALF_CAST = "half-cast"  # something made or cast to float16 / bfloat16
# an op with no CPU float16 kernel (torch.cdist, torch.fft.rfft: NO_CPU_HALF_OPS) by
# its last name (``fft`` too: ``torch.fft.rfft`` through an alias of the module)
NO_CPU_HALF_OP = "no-cpu-half-op"
NO_CPU_HALF_WORDS = frozenset({"fft", *(q.rsplit(".", 1)[-1] for q in NO_CPU_HALF_OPS)})
TORCH_LOAD = "torch-load"  # torch.load(...) through any alias
SAVE = "save"  # torch.save(...), x.save(...), save_checkpoint(...): writes a file
PARALLEL_WRAP = "parallel-wrap"  # DataParallel / DDP / FSDP(...) through any alias
CLASS = "class"  # a class is defined in the unit
FACTORY_WITHOUT_DEVICE = "factory-without-device"  # torch.zeros(...) without device=
CUDA_LITERAL = "cuda-literal"  # .cuda() or "cuda" / "cuda:0" (or "mps", "xpu", "npu")
CUDA_CALL = "cuda-call"  # x.cuda(...)
DATA_ASSIGN = "data-assign"  # p.data = ...: a parameter's tensor replaced
CUDA_TEST = "cuda-test"  # x.is_cuda, x.device.type: code that asks where a tensor is
DEPRECATED_AMP_CALL = "deprecated-amp-call"  # torch.cuda.amp.autocast(...) through any alias
# torch.cuda.set_device(...), with torch.cuda.device(...), CUDA_VISIBLE_DEVICES: the
# process picks its current GPU (a fact about the whole file, ``Rule.keeps``)
SETS_GPU = "sets-gpu"
# x.type_as(t): a cast to t's type, which has no GPU index (joined with ACCELERATOR
# into INDEXLESS_TYPE where units are grouped, ``evidence.py``)
RETYPE = "retype"
# x.device.type where a device goes (`device=`, a call's first argument, bound to a
# name), or x.type_as(t) where something is put on a device: a device type taken for
# a device, the GPU's index dropped
INDEXLESS_TYPE = "indexless-type"
DEVICE_NAME = "device-name"  # a name or parameter called `device`
TYPE_CAST_ARGUMENT = "type-cast-argument"  # f(x.type(dtype)): a cast passed straight on
LEGACY_TYPE_CAST = "legacy-type-cast"  # x.type(torch.cuda.HalfTensor), x.type(y.type())
NARROW_CAST = "narrow-cast"  # made or cast to int32 / int16 / int8 / uint8
# cast to float32 (``.float()``, ``.to(torch.float32)``, ``astype("float32")``): class
# ids made floats, a loss target cross_entropy refuses (``analysis/whole.py``)
FLOAT_CAST = "float-cast"
# an op that takes integer indices: an embedding, scatter_ / gather / index_select,
# F.one_hot (a floating index there raises: TL110)
INDEX_OP = "index-op"
INDEX_WORDS = frozenset(
    {*INDEX_METHODS, *(q.rsplit(".", 1)[-1] for q in (*INDEX_FUNCTIONS, *EMBEDDINGS))}
)
# an op whose mask must be bool or floating (``F.scaled_dot_product_attention``:
# ``torch_api.BOOL_OR_FLOAT_MASKS``): an integer mask fails there (TL109)
MASK_OP = "mask-op"
MASK_OP_WORDS = frozenset(q.rsplit(".", 1)[-1] for q in BOOL_OR_FLOAT_MASKS)
# made or cast to int64 by one of ``torch_api.INT64_MAKERS`` (``torch.randint``,
# ``.long()``): ids, which a layer computing in floating point refuses (TL109)
INT64_CAST = "int64-cast"
INT64_COUNT = "int64-count"  # torch.arange(...): int64 of integers (``INT64_COUNTS``)
CPU_DATA = "cpu-data"  # a tensor made on the CPU: torch.zeros(...), tokenizer output
LEGACY_CONSTRUCTOR = "legacy-constructor"  # torch.FloatTensor(...) and friends
# x[i] where the index is a name, an attribute, a call or a comparison (not a number,
# a string or a slice): maybe a tensor of indices or a mask
TENSOR_INDEX = "tensor-index"
# Two halves of TENSOR_INDEX across units screened together (``evidence._joined``): a
# tensor made on the CPU that a unit returns or keeps on ``self``, and a unit that
# indexes a parameter or an attribute with something that may be a tensor.
CPU_TABLE_OUT = "cpu-table-out"
INDEXES_GIVEN = "indexes-given"
TENSOR_INDEXES = (ast.Name, ast.Attribute, ast.Call, ast.Compare)  # (those index nodes)
# Tensor methods and torch functions that make a tensor of indices (TL501: an array
# indexed by one on a GPU).
INDEX_MAKERS = frozenset("argsort argmax argmin topk nonzero sort randperm multinomial".split())
# def _apply(self, fn): what moves and casts the module, and what it reassigns on its
# parts (TL301 reads that in the whole file)
OWN_APPLY = "own-apply"
INIT_TENSOR_ATTR = "init-tensor-attr"  # self.x = torch.zeros(...) in __init__
INIT_MODULE_CONTAINER = "init-module-container"  # self.x = [...] in __init__
# State made from a model's parameters: an optimizer built (torch.optim.X(...)), or
# something copied (COPY_CALL) where parameters are reached (PARAMETER_SOURCE), joined
# where units are grouped (``evidence.py``)
PARAMETER_STATE = "parameter-state"
# a cast whose dtype is a parameter of the unit's function (``model.to(dtype=dtype)``):
# with a half dtype spelled in a unit screened with it, a half cast (HALF_CAST)
DTYPE_PARAMETER = "dtype-parameter"
# getattr(torch, name): a dtype by its name (a string the unit or its callers spell)
DTYPE_BY_NAME = "dtype-by-name"
# a cast whose dtype is a variable the unit assigns a call's result to (``dtype =
# weight_dtype_for(args.precision)``): with a half dtype spelled in a unit screened
# with it (the helper's ``return torch.float16``), a half cast (HALF_CAST)
DTYPE_RESULT = "dtype-result"
COPY_CALL = "copy-call"  # p.clone(), torch.clone(p), copy.deepcopy(p): COPY_CALL_WORDS
# what the flow analysis knows parameters from: model.parameters(),
# named_parameters(), an optimizer's param_groups, nn.Parameter(...)
PARAMETER_SOURCE = "parameter-source"
PARAMETER_WORDS = frozenset({"parameters", "named_parameters", "param_groups", "Parameter"})
# model.named_modules(), model.children(): a loop that may cast some parts (TL108)
SUBMODULE_LOOP = "submodule-loop"

MOVES = frozenset({"to", "cuda", "to_empty"})
# analysis/copies.py: copy.deepcopy(p), torch.clone(p), p.clone()
COPY_CALL_WORDS = frozenset({"clone", *(q.rsplit(".", 1)[-1] for q in COPY_FUNCTIONS)})
# analysis/flow.py: ("to", "cuda", "cpu", *CAST_METHODS, *TENSOR_ONLY_CASTS)
DISCARDABLE = frozenset(
    "to cuda cpu half float bfloat16 double long int bool short byte char".split()
)
HALF_WORDS = frozenset({"float16", "bfloat16", "half", "HalfTensor", "BFloat16Tensor"})
FLOAT64_WORDS = frozenset({"float64", "double", "float_", "DoubleTensor"})
FLOAT32_WORDS = frozenset({"float32", "float", "single", "FloatTensor"})
INT64_WORDS = frozenset({"int64", "long"})  # dtype=torch.long
NARROW_WORDS = frozenset(
    {"int32", "int16", "int8", "uint8", "IntTensor", "ShortTensor", "CharTensor", "ByteTensor"}
)
# torch.int, x.int(), x.byte(): as attributes only (``int`` alone is the builtin)
NARROW_ATTRIBUTES = frozenset({"int", "short", "char", "byte"})
# A dtype's word -> the tag of a cast to it (a variable assigned one is that dtype too).
DTYPE_WORD_TAGS = {
    **dict.fromkeys(HALF_WORDS, HALF_CAST),
    **dict.fromkeys(NARROW_WORDS | NARROW_ATTRIBUTES, NARROW_CAST),
    **dict.fromkeys(FLOAT64_WORDS, FLOAT64),
    **dict.fromkeys(FLOAT32_WORDS, FLOAT_CAST),
    **dict.fromkeys(INT64_WORDS, INT64_CAST),
}
# Calls that read uint8 pixels (cv2.imread, torchvision.io.read_image, ...), or make
# what reads them (cv2.VideoCapture).
IMAGE_READERS = frozenset(
    q.rsplit(".", 1)[-1]
    for q in (
        *TORCHVISION_IMAGE_READERS,
        TORCHVISION_VIDEO_READER,
        OPENCV_IMAGE_READER,
        OPENCV_VIDEO_READER,
    )
)
_LOSS_WORDS = frozenset(q.rsplit(".", 1)[-1] for q in RECORDED_LOSSES)
# A transformers task head that computes a cross-entropy on its labels, made (the end
# of its class name): LOSS.
LABEL_HEADS = tuple(LABELS_CROSS_ENTROPY_HEADS)
# (and the losses given lengths: any floating tensor is refused there)
_BINARY_LOSS_WORDS = frozenset(
    q.rsplit(".", 1)[-1] for q in (*PROBABILITY_LOSSES, *LOGIT_LOSSES, *LENGTH_LOSSES)
)
PLACING_KEYWORDS = frozenset(
    {"device", "device_map", "load_in_8bit", "load_in_4bit", "quantization_config"}
)
DTYPE_KEYWORDS = frozenset({"dtype", "torch_dtype"})
FROM_NUMPY = frozenset({"torch.tensor", "torch.as_tensor", "torch.from_numpy"})
CONTAINERS = (ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp, ast.Dict, ast.DictComp)


def _word_tags() -> dict[str, frozenset[str]]:
    """Names, attributes and short strings that are evidence, and of what. Exact
    words: the flow analysis knows dtypes by their torch/numpy names only."""
    table: dict[str, set[str]] = {}
    for words, tag in (
        (HALF_WORDS, HALF),
        (_LOSS_WORDS, LOSS),
        (_BINARY_LOSS_WORDS, TARGET_DTYPE),
        ({"cpu", "is_available"}, CPU_WORD),
        (INDEX_WORDS, INDEX_OP),
        (NO_CPU_HALF_WORDS, NO_CPU_HALF_OP),
    ):
        for word in words:
            table.setdefault(word, set()).add(tag)
    return {word: frozenset(tags) for word, tags in table.items()}


WORD_TAGS = _word_tags()
# The last names of the ops that never promote, as functions or tensor methods, and
# of those that compute floating tensors only (``x.mean()``, ``torch.randn_like(x)``).
STRICT_OP_WORDS = frozenset(
    {
        *(q.rsplit(".", 1)[-1] for q in STRICT_DTYPE_OPS | FLOAT_ONLY_FUNCTIONS),
        *STRICT_DTYPE_METHODS,
        *FLOAT_ONLY_METHODS,
    }
)

# The last names of calls that ``Unit.call`` reads more of: a call of none of them
# skips those tests after one set lookup. (A name that a test in the block these
# guard compares ``last`` with must be in its set, or the test never runs.)
FIRST_CALL_WORDS = frozenset(
    {
        *IMAGE_READERS,
        *COPY_CALL_WORDS,
        *PARAMETER_WORDS,
        *SUBMODULE_ITERATORS,
        "cuda",
        "type_as",
        "numpy",
    }
)
# ... and those ``Unit.cast_call`` reads: casts, dtypes passed, tokenizers.
CAST_CALL_WORDS = frozenset(
    {
        "double",
        "DoubleTensor",
        "float",
        "FloatTensor",
        *INT64_MAKERS,
        *INT64_COUNTS,
        "from_pretrained",
        *NARROW_ATTRIBUTES,
        *(w for w in NARROW_WORDS if w.endswith("Tensor")),
        "half",
        "bfloat16",
        "HalfTensor",
        "BFloat16Tensor",
        "to",
        "type",
        "astype",
        "load",  # clip.load(name, device="cuda"): a float16 model
    }
)

# What a LightningModule's step hook (``trees.lightning_step``) carries.
LIGHTNING_PLACED = frozenset({ACCELERATOR, PLACED_MODULE})
