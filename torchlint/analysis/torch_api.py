"""What torchlint knows about torch's own names: dtypes, legacy tensor types, and the
questions rules ask about an expression ("is this a dtype?", "which device goes with
it?"). Answers come from the file's analysis, never from importing torch."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import libcst as cst

from torchlint.analysis.audio_api import (
    NNAUDIO_LAYERS,
    TORCHAUDIO_BUFFERED,
    TORCHAUDIO_TRANSFORMS,
)
from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.graph_api import PYG_DENSE, PYG_LINEAR_FIRST, PYG_NN
from torchlint.analysis.names import dotted, literal_str
from torchlint.analysis.values import DTYPE_NAME, Kind, Value

# torch.<name> -> canonical dtype name.
DTYPES: dict[str, str] = {
    "float16": "float16",
    "half": "float16",
    "bfloat16": "bfloat16",
    "float32": "float32",
    "float": "float32",
    "float64": "float64",
    "double": "float64",
    "complex64": "complex64",
    "cfloat": "complex64",
    "complex128": "complex128",
    "cdouble": "complex128",
    "uint8": "uint8",
    "int8": "int8",
    "int16": "int16",
    "short": "int16",
    "int32": "int32",
    "int": "int32",
    "int64": "int64",
    "long": "int64",
    "bool": "bool",
    "float8_e4m3fn": "float8_e4m3fn",
    "float8_e5m2": "float8_e5m2",
}
# Canonical dtype names by what they are.
HALF_DTYPES = frozenset({"float16", "bfloat16"})
INTEGER_DTYPES = frozenset({"int64", "int32", "int16", "int8", "uint8", "bool"})

# Legacy tensor-type names (torch.HalfTensor, torch.cuda.HalfTensor) -> dtype.
LEGACY_TENSOR_TYPES: dict[str, str] = {
    "HalfTensor": "float16",
    "BFloat16Tensor": "bfloat16",
    "FloatTensor": "float32",
    "DoubleTensor": "float64",
    "ByteTensor": "uint8",
    "CharTensor": "int8",
    "ShortTensor": "int16",
    "IntTensor": "int32",
    "LongTensor": "int64",
    "BoolTensor": "bool",
}

# ``torch.Tensor`` is the class of every tensor: ``type(t)`` of a CUDA half tensor is
# ``torch.Tensor`` (dtypes and devices have shared one class since PyTorch 0.4), and
# calling the class is the legacy constructor. Given sizes or data it makes a new
# tensor on the CPU in the default dtype (``TENSOR_CLASS_MAKES``); given a tensor it
# returns that tensor (an alias, where it is).
TENSOR_CLASS = "torch.Tensor"
# Tensor attributes that are the tensor itself (or a view of it): where it is, as it is.
TENSOR_ALIASES = frozenset({"data", "T", "mT"})
# Tensor methods (and their in-place forms, ``sub_``) and torch functions
# (``torch.div(a, b)``) that compute with a second tensor as ``+ - * / // %`` do.
ARITHMETIC_METHODS = frozenset(
    "add sub mul div true_divide rsub subtract multiply divide floor_divide remainder fmod".split()
)
TRUE_DIVISIONS = frozenset({"div", "true_divide", "divide"})  # (integers made floating)
# Factories that make a tensor of the data they are given (numpy's dtype kept).
DATA_FACTORIES = frozenset({"tensor", "as_tensor", "from_numpy"})
# Methods every nn.Module has that attach nothing to it (a module class's own methods
# may): what the screen need not suspect of a late attachment.
NON_ATTACHING_METHODS = frozenset(
    """to cuda cpu half float double bfloat16 eval train forward parameters
    named_parameters buffers named_buffers modules named_modules children
    named_children state_dict load_state_dict zero_grad requires_grad_ apply
    register_forward_hook register_forward_pre_hook generate encode decode""".split()
)
# Tensor methods comparing with another tensor elementwise: a bool tensor, where both are.
COMPARISON_METHODS = frozenset("eq ne lt le gt ge greater less greater_equal less_equal".split())
# Tensor methods whose tensor arguments must be on the receiver's device (a mask,
# the values scattered in); a CPU scalar tensor is the one exception torch makes.
MASKED_METHODS = frozenset("masked_fill masked_fill_ masked_scatter masked_scatter_ where".split())
# Tensor methods whose index (and source) must be on the receiver's device.
INDEX_METHODS = frozenset(
    """scatter scatter_ scatter_add scatter_add_ scatter_reduce scatter_reduce_ gather
    index_select index_add index_add_ index_copy index_copy_ index_fill index_fill_
    take_along_dim""".split()
)
INDEX_TEXT = ("scatter", "gather", "index_", "take_along_dim")  # (their text)
# torch functions that take indices (TL110): the position and the keyword of the index.
INDEX_FUNCTIONS = {
    "torch.gather": (2, "index"),
    "torch.index_select": (2, "index"),
    "torch.scatter": (2, "index"),
    "torch.scatter_add": (2, "index"),
    "torch.take_along_dim": (1, "indices"),
    "torch.nn.functional.embedding": (0, "input"),
    "torch.nn.functional.one_hot": (0, "tensor"),
}
# The module classes whose call takes ids (TL110).
EMBEDDINGS = frozenset(
    f"torch.nn.{at}{name}"
    for at in ("", "modules.sparse.")
    for name in ("Embedding", "EmbeddingBag")
)
WINDOWS = frozenset(f"{w}_window" for w in "hann hamming blackman bartlett kaiser".split())
# Calls that make a tensor (TL401/TL402's candidates; the screen's evidence for them).
FACTORY_FUNCTIONS = WINDOWS | frozenset(
    "zeros ones empty full arange linspace logspace eye rand randn randint randperm tensor "
    "as_tensor from_numpy Tensor".split()
)
PAD_SEQUENCE = "torch.nn.utils.rnn.pad_sequence"  # (a batch of a list of sequences)
# Sparse tensors of indices and values: on ``device=``, else where the values are.
SPARSE_CONSTRUCTORS = frozenset(f"torch.sparse_{f}_tensor" for f in ("coo", "csr", "csc"))
# Their ``_like`` forms: where and as the tensor given is, unless ``device=`` or
# ``dtype=`` say otherwise.
LIKE_FACTORIES = frozenset(
    f"{name}_like" for name in ("zeros", "ones", "full", "empty", "rand", "randn", "randint")
)
# torch functions whose ``device=`` is a full device (a tensor lands on its index),
# beside FACTORY_FUNCTIONS and their ``_like`` forms; autocast and GradScaler take a
# device *type* on purpose and are not among them, nor is torch.Generator (a CUDA
# generator serves a tensor on any GPU).
DEVICE_TAKERS = frozenset({"device", "empty_strided", "full_like", "tensor"})
# Factories of one value or a range, not data: the call decides the dtype (an int fill
# value makes int64), and a tensor so made is made where it is needed, not loaded.
_ONE_VALUE = ("zeros", "ones", "full", "empty")
CONSTANT_FACTORIES = frozenset(("arange", "eye", *_ONE_VALUE, *(f"{n}_like" for n in _ONE_VALUE)))
# Tensor methods that make a new tensor where the receiver is (unless device= says).
SIZED_NEW = frozenset({"new_zeros", "new_ones", "new_full", "new_empty"})  # (given a size)
NEW_TENSOR_METHODS = SIZED_NEW | {"new_tensor"}
# Functions that copy what they are given (``Tensor.clone`` too): a copy of a
# module's parameter stays where it was made when the module moves (copies.py).
COPY_FUNCTIONS = frozenset({"torch.clone", "copy.deepcopy", "copy.copy"})
# In-place tensor methods that compute with their tensor operands, where one on
# another device fails; but ``copy_`` (and ``zero_``, which has none) crosses devices.
IN_PLACE_OPS = frozenset("add_ sub_ mul_ div_ lerp_ addcmul_ addcdiv_ copy_ clamp_ zero_".split())
CROSS_DEVICE_IN_PLACE = frozenset({"copy_", "zero_"})
# Tensor methods and torch / torch.nn.functional functions whose result lives where
# their (first) input lives, with its dtype unless INDEX_RESULTS says otherwise:
# elementwise maths, reductions, views and reshapes, resampling.
SAME_PLACE_OPS = NEW_TENSOR_METHODS | frozenset(
    """detach contiguous clone unsqueeze squeeze view view_as reshape reshape_as permute
    transpose flatten unflatten expand expand_as repeat repeat_interleave flip roll unfold
    narrow select index_select gather masked_fill cumsum cumprod sum mean std var amax amin
    norm softmax log_softmax sigmoid tanh relu gelu silu exp log abs sqrt rsqrt neg pow
    round clamp clip argmax argmin argsort interpolate pad normalize dropout tril triu t
    sin cos tan floor ceil sign one_hot chunk split unbind tensor_split fill_ zero_ normal_
    uniform_ bernoulli_ random_ exponential_ copy_ inverse inv pinv pinverse matrix_exp eq ne lt
    softplus leaky_relu elu selu celu mish hardswish hardsigmoid hardtanh relu6
    logsigmoid softsign log1p expm1 square reciprocal
    le gt ge logical_not isnan isinf isfinite requires_grad_ multinomial topk sort
    sample max min bincount histc""".split()
)
# A categorical distribution over logits or probabilities: what its ``.sample()``
# draws is class indices where they are (effects._categorical).
CATEGORICAL = frozenset(
    {"torch.distributions.Categorical", "torch.distributions.categorical.Categorical"}
)
# A torch.distributions object is no module: the tensors it is built from stay where
# they were made through ``.to()``; these of its methods compute with them.
DISTRIBUTIONS = "torch.distributions."
DISTRIBUTION_METHODS = frozenset("cdf icdf log_prob sample rsample".split())
# (chunk, split, unbind, tensor_split, topk, sort make a tuple of such tensors (of
# values and indices for the last two), which the flow holds as one tensor: unpacked
# or indexed, it gives each of them. The in-place fills, ``normal_()``, and
# ``requires_grad_()`` return the tensor itself.) Of those, the ones whose result is
# floating for an integer input: ``torch.sin(torch.arange(n))``. (``F.interpolate``
# keeps a uint8 image uint8, in every mode that takes one.)
FLOAT_RESULTS = frozenset(
    """mean std var norm softmax log_softmax sigmoid tanh gelu silu exp log sqrt rsqrt
    sin cos tan normalize dropout""".split()
)
# Functions that compute with their operands in one dtype and never promote: a
# float64 operand next to a float32 one fails (``expected m1 and m2 to have the same
# dtype``, ``Input type (double) and bias type (float) should be the same``), where
# ``+`` or ``*`` would promote. ``@`` is ``torch.matmul``; the tensor methods of the
# same names are ``STRICT_DTYPE_METHODS``.
STRICT_DTYPE_OPS = frozenset(
    {
        *(f"torch.{op}" for op in ("mm", "bmm", "matmul", "mv", "addmm", "baddbmm", "tensordot")),
        "torch.sparse.mm",
        *(
            f"torch.nn.functional.{op}"
            for op in (
                "linear",
                "bilinear",
                "conv1d",
                "conv2d",
                "conv3d",
                "conv_transpose1d",
                "conv_transpose2d",
                "conv_transpose3d",
            )
        ),
    }
)
STRICT_DTYPE_METHODS = frozenset({"mm", "bmm", "matmul", "mv"})
# Ops that compute floating tensors only and fail on integers (``float_only.py``).
FLOAT_ONLY_METHODS = frozenset(
    "mean std var normal_ uniform_ softmax log_softmax norm lerp".split()
)
_FLOATS_ONLY = "randn_like rand_like mean std var lerp softmax log_softmax norm".split()
# (``F.grid_sample`` samples an integer image neither on the CPU, "not implemented for
# 'Byte'", nor on CUDA, "expected input and grid to have same dtype"; torch 2.13.0+cpu)
_FUNCTIONAL_FLOATS_ONLY = "softmax log_softmax normalize layer_norm dropout grid_sample".split()
FLOAT_ONLY_FUNCTIONS = frozenset(f"torch.{n}" for n in _FLOATS_ONLY) | frozenset(
    f"torch.nn.functional.{n}" for n in _FUNCTIONAL_FLOATS_ONLY
)
# Functions whose mask must be bool or floating (a floating one is added to the
# scores): an integer mask, a tokenizer's 0/1 ``attention_mask`` reshaped, fails
# ('Expected attn_mask dtype to be bool or float or to match query dtype'; torch
# 2.13.0+cpu). By qualified name: the mask's keyword and position.
BOOL_OR_FLOAT_MASKS = {"torch.nn.functional.scaled_dot_product_attention": ("attn_mask", 3)}
MASK_TEXT = tuple(sorted({q.rsplit(".", 1)[-1] for q in BOOL_OR_FLOAT_MASKS}))
# Of those, the ones that may make values and indices (``torch.max(x, 1)``,
# ``x.topk(k)``), held as one tensor: of either dtype.
PAIRED_RESULTS = frozenset("max min topk sort".split())
# Their fields (``torch.topk(x, k).indices``).
PAIRED_FIELDS = frozenset({"values", "indices"})
# Of those, the ones whose result is int64 (indices, one-hot codes), bool (``a.eq(b)``),
# and int64 for an integer or bool input (``spikes.sum(0)``).
INDEX_RESULTS = frozenset({"argmax", "argmin", "argsort", "one_hot", "multinomial"})
BOOL_RESULTS = frozenset("eq ne lt le gt ge logical_not isnan isinf isfinite".split())
INT64_SUMS = frozenset("sum cumsum prod cumprod".split())
# Ops whose bounds take part in type promotion: an integer tensor clamped with a float
# bound is floating (``mask.sum(1).clamp(min=1e-9)`` is float32; torch 2.13).
BOUNDED_OPS = frozenset({"clamp", "clip"})
# The floating dtypes (what a module's .half() / .to(dtype) casts).
FLOATING_DTYPES = frozenset({"float64", "float32", "float16", "bfloat16"})
# The complex dtype of a float one (``torch.stft(..., return_complex=True)``) and back.
COMPLEX_OF = {"float32": "complex64", "float64": "complex128"}
REAL_OF = {c: f for f, c in COMPLEX_OF.items()}
# torch.nn's recurrent layers: their second argument (hx, ``(h0, c0)``) is a starting state.
RECURRENT_MODULES = frozenset(
    f"torch.nn.{n}" for n in "RNN LSTM GRU RNNCell LSTMCell GRUCell".split()
)
# Substrings that every spelling of a half dtype, of float64 data or of a move
# contains: the text triggers of the rules about them (a file without any is never
# parsed for them, so each spelling the analysis knows must contain one).
# What reads uint8 pixels: torchvision's readers and decoders (a tensor), OpenCV's
# imread (an array).
TORCHVISION_IMAGE_READERS = frozenset(
    f"torchvision.io.{where}{name}"
    for where in ("", "image.")
    for name in ("read_image", "decode_image", "decode_jpeg", "decode_png")
)
OPENCV_IMAGE_READER = "cv2.imread"
TORCHVISION_VIDEO_READER = "torchvision.io.read_video"  # (uint8 frames, audio, info)
# Text in a file that may make an integer tensor narrower than int64 (TL109).
NARROW_TEXT = (
    *"int8 int16 int32 byte Byte .int( .short( .char( torch.int IntTensor ShortTensor".split(),
    "CharTensor",
    *sorted({q.rsplit(".", 1)[-1] for q in (*TORCHVISION_IMAGE_READERS, OPENCV_IMAGE_READER)}),
    "Image.open",
)
# The calls TL109 reads int64 ids from: drawn with ``torch.randint``, cast with
# ``.long()``, made with ``torch.LongTensor``. (Not ``dtype=torch.long`` or
# ``arange``: index arithmetic in every model file, which the screen would have to
# keep.) And their text.
INT64_MAKERS = frozenset({"randint", "long", "LongTensor", "one_hot"})
# ``torch.arange`` of integers is int64 too: read (with the screen's evidence of it)
# only where it meets floats in an op that never promotes (``positions @ inv_freq``:
# 'expected m1 and m2 to have the same dtype'), which no index arithmetic does.
INT64_COUNTS = frozenset({"arange"})
INT64_TEXT = ("randint", ".long(", "LongTensor", "one_hot", "torch.long", "torch.int64")
HALF_TEXT = ("half", "float16", "bfloat16", "BFloat16")  # torch.half, .half(), HalfTensor
FLOAT64_TEXT = ("float64", "double", "Double", "numpy", "np.", "soundfile")  # (sf.read: float64)
# How torch's errors name the floating dtypes ("expected scalar type Float but found
# Double").
SCALAR_TYPE_NAMES = {
    "float32": "Float",
    "float64": "Double",
    "float16": "Half",
    "bfloat16": "BFloat16",
}
# Ops with no CPU float16 kernel, with torch's error (2.13), which run in float16 on
# CUDA: a float16 tensor fails there only where it is on the CPU. (Linalg ops, inv,
# svd, solve..., refuse float16 on CUDA too: not CPU facts.)
_FFTS = (f"{i}{k}fft{n}" for i in ("", "i") for k in ("", "r", "h") for n in ("", "2", "n"))
_NOT_FOR_HALF = "\"{}\" not implemented for 'Half'"
NO_CPU_HALF_OPS = {
    **{f"torch.{op}": _NOT_FOR_HALF.format(op) for op in ("cdist", "pdist")},
    "torch.nn.functional.pdist": _NOT_FOR_HALF.format("pdist"),
    "torch.polar": _NOT_FOR_HALF.format("polar_cpu"),
    "torch.stft": "MKL FFT doesn't support tensors of type: Half",
    **{f"torch.fft.{f}": "Unsupported dtype Half" for f in _FFTS},
}
MOVE_TEXT = (".to(", ".cuda(", ".to_empty(", "LightningModule")  # (Lightning moves it)
# The device types that are an accelerator (``Place.CUDA`` in the flow analysis).
GPU_STRINGS = ("cuda", "mps", "xpu", "npu")

# Context managers (and decorators) under which nothing is backpropagated.
NO_GRAD_CONTEXTS = frozenset(
    {
        "torch.no_grad",
        "torch.inference_mode",
        "torch.autograd.no_grad",
        "torch.autograd.grad_mode.no_grad",
        "torch.autograd.grad_mode.inference_mode",
    }
)

# Parallel wrappers (as the flow's "wrap" events name them) that move their inputs to
# their device_ids before the forward runs.
SCATTERING_WRAPPERS = frozenset({"DistributedDataParallel", "DataParallel"})
# torchvision's detection models: in training, ``model(images, targets)`` computes a
# cross-entropy on each target's ``labels`` (int64 class ids: a float or int32 one
# raises in the loss, "expected scalar type Long but found Float").
DETECTION_BUILDERS = "torchvision.models.detection."
# Class methods that load or build a whole model (``AutoModel.from_pretrained``, diffusers'
# ``from_single_file``); a model output's tensor fields (ModelOutput, a scheduler's step).
MODEL_LOADERS = frozenset({"from_pretrained", "from_config", "from_single_file"})
_OUTPUT_FIELDS = "logits last_hidden_state pooler_output sample prev_sample image_embeds"
_MORE_FIELDS = "text_embeds start_logits end_logits logits_per_image latent_dist mean"
OUTPUT_TENSORS = frozenset(f"{_OUTPUT_FIELDS} {_MORE_FIELDS}".split())


def output_tensor(field: str) -> bool:
    """A model output's field that is one tensor: those named, and any score a head
    computes, ``*_logits`` (DPR's ``relevance_logits``, BERT's ``prediction_logits``;
    not the MoE ``router_logits``, a tuple of one per layer)."""
    return field in OUTPUT_TENSORS or (field.endswith("_logits") and "router" not in field)


# torch.nn functions that convert a module's layers in place and return it, its
# parameters where (and as what) they were: what they return is the module as it is.
IN_PLACE_CONVERTERS = frozenset(
    {
        "torch.nn.SyncBatchNorm.convert_sync_batchnorm",
        "torch.nn.modules.batchnorm.SyncBatchNorm.convert_sync_batchnorm",
        "torch.nn.utils.weight_norm",
        "torch.nn.utils.spectral_norm",
        "torch.nn.utils.parametrizations.weight_norm",
        "torch.nn.utils.parametrizations.spectral_norm",
        # (FX graph-mode quantization: a GraphModule over the model's own parameters,
        # its observers put on the model's device)
        *(
            f"torch.{ao}quantization.quantize_fx.prepare{qat}_fx"
            for ao in ("ao.", "")
            for qat in ("", "_qat")
        ),
    }
)
# Tensors a module holds as its own (they move and cast with it), not modules.
PARAMETER_CLASSES = frozenset(
    {"torch.nn.Parameter", "torch.nn.parameter.Parameter", "torch.nn.Buffer"}
)
# Module methods that attach a submodule (``model.add_module("head", layer)``), and
# those that register a tensor, with what it becomes and the keyword of the tensor.
SUBMODULE_ADDERS = frozenset({"add_module", "register_module"})
TENSOR_REGISTRARS = {
    "register_buffer": ("buffer", "tensor"),
    "register_parameter": ("parameter", "param"),
}
# A tokenizer's (or processor's) methods that return its encoding (CPU tensors), and a
# processor's tools called as such (``processor.feature_extractor(audio, ...)``).
TOKENIZER_CALLS = frozenset(
    {"__call__", "encode_plus", "batch_encode_plus", "apply_chat_template", "tokenizer"}
    | {"feature_extractor", "image_processor", "video_processor"}
)
_TRANSFORMERS_MODEL = re.compile(r"^[A-Z]\w*(Model|For[A-Z]\w*|LMHead\w*)$")


def transformers_model_name(name: str) -> bool:
    """The name of a transformers model class (``BertModel``, ``BertForTokenClassification``,
    ``GPT2LMHeadModel``): not a tokenizer's, whatever words it holds."""
    return bool(_TRANSFORMERS_MODEL.match(name))


@functools.cache  # (asked for every call the screen reads: the names repeat)
def is_nn_class(q: str) -> bool:
    """A class of ``torch.nn`` (its last name capitalized): ``torch.nn.Linear``,
    ``torch.nn.modules.conv.Conv2d``; not a function such as ``torch.nn.utils.weight_norm``."""
    return q.startswith("torch.nn.") and q.rsplit(".", 1)[-1][:1].isupper()


def makes_module(q: str) -> bool:
    """A qualified call that creates a new module on the CPU: ``torch.nn.X(...)``
    (not a wrapper, not ``nn.utils.*``/``nn.init.*``), ``timm.create_model``, a
    torchvision, MONAI or transformers model class. The screen and the flow ask this."""
    if q.startswith("torch.nn."):
        rest = q[len("torch.nn.") :]
        return (
            rest.rsplit(".", 1)[-1][:1].isupper()
            and q not in PARAMETER_CLASSES
            and ("." not in rest or q.startswith("torch.nn.modules."))
            and "DataParallel" not in q
        )
    if q == "timm.create_model" or q.startswith("torchvision.models."):
        return True
    if q.startswith(("monai.networks.nets.", "monai.networks.blocks.")):
        return q.rsplit(".", 1)[-1][:1].isupper()
    if q.startswith(TORCHAUDIO_TRANSFORMS):  # MelSpectrogram(...): float32 buffers
        return q[len(TORCHAUDIO_TRANSFORMS) :] in TORCHAUDIO_BUFFERED
    if q.startswith(NNAUDIO_LAYERS):  # features.MelSpectrogram(...): CPU kernels
        return q.rsplit(".", 1)[-1][:1].isupper()
    if q.startswith("torchmetrics."):  # BinaryAccuracy(): states on the CPU
        return q.rsplit(".", 1)[-1][:1].isupper() and ".functional." not in q
    if q.startswith(PYG_NN):  # GCNConv(...), GraphNorm(...), models.GIN(...)
        return q.rsplit(".", 1)[-1][:1].isupper() and "DataParallel" not in q
    head, _, last = q.rpartition(".")
    return head == "transformers" and bool(_TRANSFORMERS_MODEL.match(last))


# Lightning's modules: placed with each batch before a step hook; its callbacks'
# batch hooks get the placed module, the batch and the step's outputs (lightning.py).
_PL = ("pytorch_lightning.", "lightning.", "lightning.pytorch.")
_IN = ("", "core.", "core.module.", "callbacks.", "callbacks.callback.")
LIGHTNING_MODULES = frozenset(f"{p}{w}LightningModule" for p in _PL for w in _IN[:3])
LIGHTNING_CALLBACKS = frozenset(f"{p}{w}Callback" for p in _PL for w in (_IN[0], *_IN[3:]))
LIGHTNING_STEPS = frozenset({"training_step", "validation_step", "test_step", "predict_step"})

MODULE_BASES = frozenset(
    {
        "torch.nn.Module",
        "torch.nn.modules.module.Module",
        "transformers.PreTrainedModel",
        "transformers.modeling_utils.PreTrainedModel",
        "diffusers.ModelMixin",
        *LIGHTNING_MODULES,
    }
)


def module_base(q: str) -> bool:
    """A base class (qualified, or as written) whose subclasses are modules:
    ``nn.Module``, a ``PreTrainedModel`` / ``ModelMixin``, or a layer of ``torch.nn``
    (``class SyncBN(nn.BatchNorm2d)``). The flow analysis and the screen both ask this."""
    return (
        q in MODULE_BASES
        or q.endswith(("nn.Module", "PreTrainedModel", "ModelMixin"))
        or q.startswith(PYG_NN)  # (class Conv(MessagePassing))
        or (q.startswith("torch.nn.") and makes_module(q))
    )


def mark_modules(facts: FileFacts) -> None:
    """Sets ``is_module`` on the file's classes, in the order they are defined: a
    module base (``module_base``) or a module class of the file above it; and the
    file's short names of torch classes and modules (``_torch_aliases``). (facts.py
    knows no torch; every reader of a file's facts calls this once.)"""
    _torch_aliases(facts)
    known: dict[str, ClassFacts] = {}
    for cls in facts.classes.values():
        cls.is_module = any(
            module_base(b) or (b in known and known[b].is_module) for b in cls.bases
        )
        known[cls.name] = cls


def optimizer_class(q: str | None) -> bool:
    """``torch.optim.Adam`` (and ``torch.optim.lr_scheduler.StepLR``): a class of
    ``torch.optim``, by its qualified name."""
    return q is not None and q.startswith("torch.optim.") and q.rsplit(".", 1)[-1][:1].isupper()


def optimizer_state(q: str, keywords: dict[str, cst.BaseExpression]) -> str | None:
    """For a ``torch.optim`` optimizer built by the qualified call ``q`` with these
    keyword arguments: "eager" when it makes its state as it is built (Adagrad fills
    ``sum`` at once, where each parameter is), "lazy" when it makes it at the first
    step (Adam, AdamW, RMSprop, ...; ``load_state_dict`` still puts a loaded state where
    the parameters are then), None for no optimizer or one that keeps no tensors (SGD
    without momentum)."""
    head, _, last = q.rpartition(".")
    if not (head == "torch.optim" or head.startswith("torch.optim.")) or not last[:1].isupper():
        return None
    if "lr_scheduler" in head or "swa_utils" in head or last == "Optimizer":
        return None
    if last == "SGD":
        momentum = keywords.get("momentum")
        if momentum is None or (
            isinstance(momentum, (cst.Integer, cst.Float)) and not float(momentum.value)
        ):
            return None
    return "eager" if last == "Adagrad" else "lazy"


# ``clip_grad_norm_(params, c)``: the total norm, a tensor where the parameters are.
GRAD_NORMS = frozenset(
    f"torch.nn.utils.{m}{n}"
    for m in ("", "clip_grad.")
    for n in ("clip_grad_norm_", "get_total_norm")
)


# Functions that unpickle a checkpoint onto the devices it was saved from unless told
# ``map_location``, by qualified name -> the position of that parameter.
CHECKPOINT_LOADERS = {"torch.load": 1, "torch.serialization.load": 1} | dict.fromkeys(
    ("torch.hub.load_state_dict_from_url", "torch.utils.model_zoo.load_url"), 2
)
# diffusers' and accelerate's offloading: the model is moved to the accelerator
# whenever it runs (``pipe.enable_model_cpu_offload()``).
MODEL_OFFLOADERS = frozenset(
    {"enable_model_cpu_offload", "enable_sequential_cpu_offload", "enable_group_offload"}
)
# What TL301 takes for a tensor stored on a module: a factory or a legacy constructor,
# possibly through these tensor methods (``torch.ones(n, n).tril()``).
TENSOR_ATTRIBUTE_FACTORIES = FACTORY_FUNCTIONS | frozenset(LEGACY_TENSOR_TYPES)
TENSOR_METHODS = frozenset(
    """float long half bool unsqueeze view reshape t tril triu T repeat permute expand
    contiguous clone detach transpose squeeze flatten sin cos exp scatter_ fill_ clamp
    clamp_ mul_ div_ add_ sub_ sqrt abs pow log""".split()
)

# torch.nn classes that hold weights, by name prefix (Conv2d, BatchNorm1d, ...): only
# these have a dtype and device of their own; losses, activations and pooling do not.
PARAMETRIZED_MODULES = (
    "Linear",
    "Bilinear",
    "Conv",
    "ConvTranspose",
    "Embedding",
    "LayerNorm",
    "GroupNorm",
    "BatchNorm",
    "SyncBatchNorm",
    "InstanceNorm",
    "RMSNorm",
    "LSTM",
    "GRU",
    "RNN",
    "MultiheadAttention",
    "Transformer",
    "PReLU",
    "LazyLinear",
    "LazyConv",
)

# torch.nn layers whose first op computes with their floating weights (an integer
# input fails: 'Input type (unsigned char) and bias type (float)'); not Embedding,
# which takes integer indices.
FLOAT_INPUT_LAYERS = tuple(p for p in PARAMETRIZED_MODULES if p != "Embedding")


def float_input_layer(module: Value) -> str | None:
    """The first layer of a module whose first op computes with floating weights
    (``Conv2d``, ``Linear``; a ``timm`` or torchvision model's stem), through an
    ``nn.Sequential``'s first member (its ``items``); None for any other module."""
    q = module.origin
    if (q == "timm.create_model" or q.startswith("torchvision.models.")) and not module.part_of:
        return "Conv3d" if q.startswith("torchvision.models.video.") else "Conv2d"
    if q.startswith(PYG_NN) and q.rsplit(".", 1)[-1] in PYG_LINEAR_FIRST:
        return "Linear"  # (torch_geometric.nn.GCNConv, .conv.GCNConv)
    if q.startswith(PYG_NN) and q.rsplit(".", 1)[-1] in PYG_DENSE:
        return q.rsplit(".", 1)[-1]  # (its first op: adj @ x)
    if not q.startswith("torch.nn."):
        return None
    last = q.rsplit(".", 1)[-1]
    if last == "Sequential":
        return float_input_layer(module.items[0]) if module.items else None
    return last if last.startswith(FLOAT_INPUT_LAYERS) else None


def float_inputs(
    module: Value, args: Sequence[tuple[cst.Arg, Value]]
) -> list[tuple[cst.Arg, Value]]:
    """The arguments a layer computes with its floating weights: all of a torch.nn
    layer's; a PyTorch Geometric layer's node features only (``conv(x, edge_index)``:
    the edges and the batch vector are integer indices by design), and a dense
    layer's adjacency too (``conv(x, adj, mask)``)."""
    if module.origin.startswith(PYG_NN):
        dense = module.origin.rsplit(".", 1)[-1] in PYG_DENSE
        floating = {"x", "adj"} if dense else {"x"}
        positional = [a for a in args if a[0].keyword is None and not a[0].star]
        named = [a for a in args if a[0].keyword is not None and a[0].keyword.value in floating]
        return positional[: len(floating)] + named
    return list(args)


# The containers of torch.nn: modules that hold others and have no weights of their own.
MODULE_CONTAINERS = frozenset({"Sequential", "ModuleList", "ModuleDict"})
# device_map strategies that spread a model over every visible GPU (accelerate's names).
SPREADING_MAPS = frozenset({"auto", "balanced", "balanced_low_0", "sequential"})


def spreads_model(place: cst.CSTNode) -> bool:
    """``device_map=`` (the argument) names a strategy that spreads the model."""
    value = place.value if isinstance(place, cst.Arg) else None
    return isinstance(value, cst.SimpleString) and value.evaluated_value in SPREADING_MAPS


# Library calls that build or load a whole model (``analysis/loaders.py``): a
# scripted module restored onto ``map_location``; OpenAI CLIP's ``clip.load(name,
# device=d)``, (the model on ``d``, its preprocess); open_clip's builders, by how
# many image transforms come with the model.
SCRIPT_LOADERS = frozenset({"torch.jit.load"})
CLIP_LOADERS = frozenset({"clip.load"})
OPEN_CLIP_BUILDERS = {
    "open_clip.create_model": 0,
    "open_clip.create_model_from_pretrained": 1,
    "open_clip.create_model_and_transforms": 2,
}
# OpenAI Whisper: ``load_model(name, device)`` (float32), ``log_mel_spectrogram(audio)``.
WHISPER_LOADER, WHISPER_FEATURES = "whisper.load_model", "whisper.log_mel_spectrogram"
LIBRARY_MODEL_BUILDERS = SCRIPT_LOADERS | CLIP_LOADERS | {*OPEN_CLIP_BUILDERS, WHISPER_LOADER}
# The fields of a tokenizer's or processor's output (``return_tensors="pt"``), by
# dtype: token ids and masks are int64; the features an image or audio processor
# computes (pixels, filterbanks, waveforms) are float32.
PROCESSOR_FIELD_DTYPES = {
    **dict.fromkeys(("input_ids", "attention_mask", "token_type_ids"), "int64"),
    **dict.fromkeys(("pixel_values", "input_features", "input_values"), "float32"),
}
# Methods of a model that hand back one of its parts (transformers, LLaVA-style).
PART_GETTERS = frozenset(
    {"get_submodule", "get_encoder", "get_decoder", "get_model", "get_vision_tower"}
)
# A module's parts, one by one: ``for name, m in model.named_modules()``.
SUBMODULE_ITERATORS = frozenset({"modules", "named_modules", "children", "named_children"})
# Method names that run a module's weights on their argument.
FORWARD_LIKE = ("forward", "encode", "decode", "embed", "generate", "extract_features", "__call__")

_LEGACY = re.compile(r"^torch\.(cuda\.)?([A-Za-z0-9]+Tensor)$")


@dataclass(frozen=True)
class LegacyType:
    """``torch.cuda.HalfTensor`` or ``'torch.HalfTensor'``: a dtype AND a device."""

    device: str  # "cuda" or "cpu"
    dtype: str  # canonical, e.g. "float16"
    spelled: str  # as written, for messages


def legacy_type(node: cst.BaseExpression, analysis: FileFacts) -> LegacyType | None:
    if isinstance(node, cst.SimpleString):
        text = node.evaluated_value
        if not isinstance(text, str):
            return None
        spelled = repr(text)
    else:
        text = analysis.qualify(node) or ""
        spelled = dotted(node) or text
    found = legacy_constructor(text)
    return None if found is None else replace(found, spelled=spelled)


def legacy_constructor(q: str) -> LegacyType | None:
    """``torch.LongTensor`` / ``torch.cuda.FloatTensor`` (qualified) called to make a
    tensor: where (``cuda`` for ``torch.cuda.*``) and in which dtype."""
    m = _LEGACY.match(q)
    if m is None or m.group(2) not in LEGACY_TENSOR_TYPES:
        return None
    return LegacyType("cuda" if m.group(1) else "cpu", LEGACY_TENSOR_TYPES[m.group(2)], q)


# What ``TENSOR_CLASS`` makes from sizes or data (in a file that sets no default
# dtype or device).
TENSOR_CLASS_MAKES = LegacyType("cpu", "float32", TENSOR_CLASS)


def says_dtype(node: cst.CSTNode) -> bool:
    """A factory call that says its dtype (``dtype=``), not float32 (int64) by default."""
    return isinstance(node, cst.Call) and any(
        a.keyword is not None and a.keyword.value == "dtype" for a in node.args
    )


def dtype_named(node: cst.BaseExpression) -> Value | None:
    """``"float16"``: a string naming one of torch's dtypes (``getattr(torch, s)``
    reads it so); its DTYPE value, which remembers that it is a name."""
    text = literal_str(node)
    dtype = DTYPES.get(text) if text is not None else None
    return Value(Kind.DTYPE, None, dtype, origin=DTYPE_NAME) if dtype is not None else None


def torch_dtype(node: cst.BaseExpression, analysis: FileFacts) -> str | None:
    """The canonical dtype if ``node`` names one of torch's dtypes through any alias
    (``torch.float16``, ``th.half``, ``from torch import bfloat16``)."""
    q = analysis.qualify(node)
    if q is None or not q.startswith("torch."):
        return None
    return DTYPES.get(q[len("torch.") :])


def is_cpu_literal(node: cst.BaseExpression, analysis: FileFacts) -> bool:
    """``"cpu"`` or ``torch.device("cpu")``."""
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value == "cpu"
    if isinstance(node, cst.Call) and analysis.qualify(node.func) == "torch.device" and node.args:
        first = node.args[0].value
        return isinstance(first, cst.SimpleString) and first.evaluated_value == "cpu"
    return False


def names_cpu(name: str, cls: ClassFacts | None, analysis: FileFacts) -> bool:
    """A name that holds the CPU device: ``self._cpu_device`` set only to
    ``torch.device("cpu")`` in the class (detectron2's evaluators), or a name that
    says so (``cpu_device``, ``cpu``)."""
    last = name.rsplit(".", 1)[-1].lower().strip("_")
    if cls is not None and name.startswith("self.") and name.count(".") == 1:
        values = cls.self_attrs.get(name[len("self.") :], [])
        if values:
            return all(is_cpu_literal(v, analysis) for v in values)
    return last in ("cpu", "cpu_device", "cpu_dev", "host_device")


def no_grad_decorated(analysis: FileFacts, fn: cst.FunctionDef) -> bool:
    """``@torch.no_grad()`` (or ``@torch.inference_mode()``) on ``fn``: nothing it
    computes is backpropagated."""
    for decorator in fn.decorators:
        expr = decorator.decorator
        if isinstance(expr, cst.Call):
            expr = expr.func
        if analysis.qualify(expr) in NO_GRAD_CONTEXTS:
            return True
    return False


# The deprecated device-specific AMP entry points (TL601): qualified name -> the
# torch.amp name and the device type it stands for.
DEPRECATED_AMP: dict[str, tuple[str, str]] = {
    "torch.cuda.amp.autocast": ("autocast", "cuda"),
    "torch.cuda.amp.autocast_mode.autocast": ("autocast", "cuda"),
    "torch.cpu.amp.autocast": ("autocast", "cpu"),
    "torch.cuda.amp.GradScaler": ("GradScaler", "cuda"),
    "torch.cuda.amp.grad_scaler.GradScaler": ("GradScaler", "cuda"),
    "torch.cpu.amp.GradScaler": ("GradScaler", "cpu"),
}


def dtype_only(call: cst.Call) -> bool:
    """``.to(dtype)``, ``.to(x.dtype)``, ``.to(torch.float16)``, ``.to(dtype=d)``: a
    cast that leaves the tensor on its device."""
    if not call.args:
        return False
    for arg in call.args:
        if arg.keyword is not None:
            if arg.keyword.value != "dtype":
                return False
            continue
        name = dotted(arg.value) or ""
        last = name.rsplit(".", 1)[-1]
        if not (last.endswith("dtype") or (name.startswith("torch.") and last in DTYPES)):
            return False
    return True


def torch_alias(qualified: str) -> bool:
    """A torch class (``torch.Tensor``, ``torch.nn.Linear``) or one of its modules
    that code binds to a short name (``torch.nn.functional``)."""
    return qualified.startswith("torch.") and (
        qualified.rsplit(".", 1)[-1][:1].isupper() or qualified in TORCH_MODULE_ALIASES
    )


# The torch modules code binds to a short name (``F = torch.nn.functional``).
TORCH_MODULE_ALIASES = frozenset(
    {"torch.nn", "torch.nn.functional", "torch.optim", "torch.distributed", "torch.cuda"}
)


def _torch_aliases(facts: FileFacts) -> None:
    """``T = torch.Tensor``, ``F = torch.nn.functional`` bound once at module level:
    another name of that torch class or module, as an import would make it
    (``T([1.0])`` is the legacy constructor). A constant (``dtype = torch.float16``)
    stays a value the flow follows."""
    for name, values in facts.module_assignments.items():
        value = values[0]
        if len(values) != 1 or name in facts.imports.names or type(value) is not cst.Attribute:
            continue
        q = facts.imports.qualify(value)
        if q is not None and torch_alias(q):
            facts.imports.names[name] = q


# A module's own weights, read by path (``self.conv.weight``, ``self.weight.data``):
# what is computed from them while it is built stays where it was computed.
WEIGHT_ATTRIBUTES = frozenset({"weight", "bias", "data"})


def own_weights(path: str, layer: bool = False) -> bool:
    """``self.conv.weight``, ``self.weight.data``: the module's own weights, read. With
    ``layer``: a layer's weight or bias (its ``.data`` too), which has dimensions
    (torch's layers make none 0-dim), read while the module is built."""
    last = (path.removesuffix(".data") if layer else path).rsplit(".", 1)[-1]
    return path.startswith("self.") and last in WEIGHT_ATTRIBUTES - ({"data"} if layer else set())


# Containers made empty by a call and filled later, as ``{}`` and ``[]`` are.
EMPTY_CONTAINER_CALLS = frozenset({"dict", "list", "OrderedDict"})

# nn.Transformer's causal mask builders: made where ``device=`` says, else on the CPU.
CAUSAL_MASK_FACTORIES = frozenset(
    f"torch.nn.{where}generate_square_subsequent_mask"
    for where in ("Transformer.", "modules.transformer.Transformer.", "modules.transformer._")
)
