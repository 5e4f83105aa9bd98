"""numpy arrays: what numpy functions, ndarray methods and arithmetic on arrays
make, on the CPU, in numpy's dtypes (float64 unless told otherwise: the source of
float64 data fed to float32 models); ``np.asarray(t)`` of a tensor is a conversion,
observed in ``to_numpy``."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis import dims, lists, plots
from torchlint.analysis.array_api import (
    NUMPY_ARRAY_FIRST,
    NUMPY_CONVERSIONS,
    NUMPY_FLOAT64,
    NUMPY_INT64,
    NUMPY_KEEP_DTYPE,
    NUMPY_KEEP_DTYPE_FUNCTIONS,
    NUMPY_LINALG,
    NUMPY_LIST_REDUCTIONS,
    NUMPY_PRODUCTS,
    NUMPY_REDUCTIONS,
    NUMPY_SAME_DTYPE_METHODS,
    NUMPY_SCALAR_TYPES,
    NUMPY_SIZED,
    NUMPY_STATISTICS,
    NUMPY_UFUNCS,
    OPENCV_VIDEO_READER,
    PANDAS_FRAME,
    PANDAS_NUMBERS,
    PANDAS_READERS,
    PIL_8BIT_MODES,
    PIL_FROM_ARRAY,
    SCIPY_FILTERS,
    SKLEARN_DATA,
    SKLEARN_SPLITTERS,
    TO_TENSOR,
    TORCHVISION_COMPOSE,
    TORCHVISION_KEEPS_CLASSES,
    TORCHVISION_KEEPS_TENSOR,
    TORCHVISION_TO_TENSOR,
    TORCHVISION_TO_TENSOR_CLASSES,
)
from torchlint.analysis.names import dotted, passes_true
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import (
    LIBRARY,
    MAYBE_DTYPE,
    NUMPY_DTYPE,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    new_ident,
    new_value,
)
from torchlint.analysis.whole import after_cast, converted

# numpy's elementwise functions of two operands, and the operator whose promotion they
# follow (``np.maximum(counts, 1)`` keeps the array's dtype; ``np.divide`` of integers
# is float64).
_NUMPY_BINARY: dict[str, cst.BaseBinaryOp] = {
    **dict.fromkeys(("maximum", "minimum", "fmax", "fmin", "add"), cst.Add()),
    "subtract": cst.Subtract(),
    "multiply": cst.Multiply(),
    **dict.fromkeys(("divide", "true_divide"), cst.Divide()),
    "power": cst.Power(),
}
# numpy's random generators (``np.random.default_rng(seed)``, the legacy
# ``RandomState``): their methods draw arrays like the module's functions do.
GENERATOR = "numpy.random.Generator"
_GENERATORS = frozenset({"random.default_rng", "random.Generator", "random.RandomState"})
# A generator's method -> (the dtype it draws, the position of its ``size`` argument;
# -1: every positional argument is a dimension, as in ``rand(3, 4)``). Without a size
# a draw is a Python scalar, left unknown. (``dtype=`` may ask for float32.)
_DRAWS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(("rand", "randn"), ("float64", -1)),
    **dict.fromkeys(
        "random random_sample standard_normal standard_exponential standard_cauchy".split(),
        ("float64", 0),
    ),
    **dict.fromkeys(
        """exponential chisquare standard_t rayleigh pareto power weibull standard_gamma
        """.split(),
        ("float64", 1),
    ),
    **dict.fromkeys(
        "uniform normal lognormal laplace logistic gumbel beta gamma wald vonmises f".split(),
        ("float64", 2),
    ),
    **dict.fromkeys(("poisson", "geometric"), ("int64", 1)),
    **dict.fromkeys(("integers", "randint", "binomial", "negative_binomial"), ("int64", 2)),
}
_NUMPY_DTYPES = {
    "float64": "float64",
    "double": "float64",
    "float_": "float64",
    "float32": "float32",
    "single": "float32",
    "float16": "float16",
    "half": "float16",
    "int64": "int64",
    "int32": "int32",
    "uint8": "uint8",
    "bool_": "bool",
    "int8": "int8",
    "int16": "int16",
    "int_": "int64",
}
# numpy's type codes (``"f8"``, ``">f4"``: the byte order aside, the same dtype).
_TYPE_CODES = {
    "f8": "float64",
    "f4": "float32",
    "f2": "float16",
    "i8": "int64",
    "i4": "int32",
    "i2": "int16",
    "i1": "int8",
    "u1": "uint8",
    "b1": "bool",
}
# Python's types as numpy dtypes (``dtype=int``: int64, numpy 2's default integer).
_BUILTIN_DTYPES = {"float": "float64", "int": "int64", "bool": "bool"}


def astype_of_unknown(node: cst.Call, method: str) -> Value | None:
    """``x.astype(np.float32)`` of an unknown ``x``: only numpy arrays (and pandas
    objects, whose values are arrays) have ``.astype``, a tensor has not: an array in
    the dtype asked for. None for any other call, or a dtype not known."""
    if method != "astype" or len(node.args) != 1:
        return None
    wanted = numpy_dtype(node.args[0].value)
    if wanted == MAYBE_DTYPE:
        return None
    return new_value(Kind.NDARRAY, Place.CPU, wanted, Event("cast", node, wanted))


def numpy_dtype(node: cst.BaseExpression) -> str:
    """``np.float32``, ``"float32"``, ``np.dtype("float64")`` -> canonical, else MAYBE."""
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
        text = node.evaluated_value
        # (a type code with its byte order: "f8", ">f8", "<f4", "u1")
        code = _TYPE_CODES.get(text.lstrip("<>=|"))
        return code or _NUMPY_DTYPES.get(text, MAYBE_DTYPE)
    if isinstance(node, cst.Name) and node.value in _BUILTIN_DTYPES:
        return _BUILTIN_DTYPES[node.value]
    name = dotted(node)
    if name is not None:
        return _NUMPY_DTYPES.get(name.rsplit(".", 1)[-1], MAYBE_DTYPE)
    return MAYBE_DTYPE


def dtype_argument(arg: cst.Arg, value: Value) -> str:
    """numpy's ``dtype=`` argument: as written (``np.int32``, ``"float32"``), or the
    dtype of another array (``dtype=rows[0].dtype``, a name bound to it) where the
    walk knows it. A tensor's dtype is no numpy dtype (numpy raises): MAYBE."""
    if value.kind == Kind.DTYPE and value.origin == NUMPY_DTYPE and value.dtype:
        return value.dtype
    return numpy_dtype(arg.value)


def dtype_read(owner: Value | None, node: cst.Attribute) -> Value:
    """``a.dtype``, ``rows[0].dtype`` of what is not a tensor or module: a numpy
    array's dtype (``NUMPY_DTYPE``, for numpy's ``dtype=``), else a dtype not known."""
    if owner is not None and owner.kind == Kind.NDARRAY:
        return Value(Kind.DTYPE, None, owner.dtype, node, origin=NUMPY_DTYPE)
    return Value(Kind.DTYPE, None, None, node)


def literal_dtype(arg: cst.Arg, value: Value) -> str | None:
    """The dtype ``torch.tensor(data)`` gives data the code wrote out: a float
    anywhere makes float32 (the default dtype), integers alone int64, True/False bool
    (``[0.5, 1.0]``, or a name bound to a tuple of numbers: ``MEAN = (0.48, 0.45)``);
    None when not all literal."""
    leaves: list[cst.BaseExpression] = []
    stack = [arg.value]
    while stack:
        item = stack.pop()
        if isinstance(item, (cst.List, cst.Tuple)):
            stack.extend(e.value for e in item.elements)
        elif isinstance(item, cst.UnaryOperation):
            stack.append(item.expression)
        else:
            leaves.append(item)
    if leaves and all(isinstance(x, cst.Name) and x.value in ("True", "False") for x in leaves):
        return "bool"
    if leaves and all(isinstance(x, (cst.Integer, cst.Float)) for x in leaves):
        return "float32" if any(isinstance(x, cst.Float) for x in leaves) else "int64"
    # (or a number or a list the walk knows the numbers of: ``[r[2] for r in rows]``
    # of ints)
    if value.kind == Kind.NUMBER:
        return value.dtype if value.dtype in ("float32", "int64") else None
    dtypes = _number_dtypes(value) if value.kind in (Kind.TUPLE, Kind.LIST) else set()
    if not dtypes or not dtypes <= {"float32", "int64"}:
        return None
    return "float32" if "float32" in dtypes else "int64"


def _number_dtypes(value: Value) -> set[str | None]:
    """The dtypes of the Python numbers in a tuple or list (nested ones too; None
    for anything that is not a number of a known dtype)."""
    if not value.items:
        return {None}
    return {item.dtype if item.kind == Kind.NUMBER else None for item in lists.leaves(value)}


def has_float_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Float):
        return True
    if isinstance(node, (cst.List, cst.Tuple)):
        return any(has_float_literal(e.value) for e in node.elements)
    return False


# numpy functions that make one array of what they are given (np.copy(t) too).
_ONE_ARRAY = frozenset({"array", "asarray", "asanyarray", "ascontiguousarray", "copy"})


# The origin of what ``to_numpy`` records for a call of an array library
# (``accuracy_score(y, preds)``): the arguments it converts, each a "pass" event there.
LIBRARY_CONVERSION = "array-library"


def library_call(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``sklearn.metrics.accuracy_score(y, preds)``: each tensor argument on a device
    is converted to numpy there (recorded in ``to_numpy``, all of them at once). What
    the function returns is known for scikit-learn's data (``SKLEARN_DATA``) and its
    ``train_test_split``; else not."""
    converted = tuple(
        replace(value, events=(*value.events, Event("pass", arg.value, q)))
        for arg, value in args
        if value.kind in (Kind.TENSOR, Kind.MOVED) and value.on_accelerator
    )
    if converted:
        value = Value(Kind.TUPLE, items=converted, origin=LIBRARY_CONVERSION)
        scope.w.facts.to_numpy.add(node, value, scope.depth)
    return _library_result(node, q, args)


# The origin of what ``to_numpy`` records for a numpy array indexed by a tensor
# (``names[order[:k]]``): numpy makes an array of the index.
NUMPY_INDEX = "numpy-index"


def indexed_by(
    scope: Scope, owner: Value, by: Value, node: cst.Subscript, index: cst.BaseExpression
) -> None:
    """``array[t]``: a numpy array indexed by a tensor converts the tensor to numpy
    (a tensor on a GPU fails there: "can't convert cuda:0 device type tensor to
    numpy"), recorded in ``to_numpy`` at the subscript. Only an index that surely
    has dimensions and is not one picked out of another (``t[:k]``, not ``t[m[j]]``):
    a tensor of one element is read as a Python int (``__index__``), which works."""
    if isinstance(index, cst.Subscript) and not all(
        isinstance(e.slice, cst.Slice) for e in index.slice
    ):
        return
    if (
        owner.kind == Kind.NDARRAY
        and by.kind in (Kind.TENSOR, Kind.MOVED)
        and by.on_accelerator
        and dims.has(by)
    ):
        handed = replace(by, events=(*by.events, Event("pass", index, "index")))
        scope.w.facts.to_numpy.add(node, replace(handed, origin=NUMPY_INDEX), scope.depth)


def _library_result(node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    if (figure := plots.pyplot_result(q)) is not None:
        return figure  # fig, axs = plt.subplots(2, 4)
    if q in PANDAS_READERS:
        return Value(Kind.OBJECT, origin=PANDAS_FRAME, ident=new_ident())  # pd.read_csv(path)
    if q in SCIPY_FILTERS:
        return new_value(Kind.NDARRAY, Place.CPU, "float64", Event("create", node))
    data = SKLEARN_DATA.get(q)
    if data is not None:
        if q.startswith(("sklearn.datasets.load_", "sklearn.datasets.fetch_")) and not passes_true(
            (a for a, _ in args), "return_X_y"
        ):
            return UNKNOWN  # (a Bunch)
        made = Event("create", node)
        items = tuple(new_value(Kind.NDARRAY, Place.CPU, dtype, made) for dtype in data)
        return Value(Kind.TUPLE, items=items)
    if q in SKLEARN_SPLITTERS:
        arrays = [v for a, v in args if a.keyword is None and not a.star]
        if arrays and all(v.kind in (Kind.NDARRAY, Kind.TENSOR) for v in arrays):
            # X_train, X_test, y_train, y_test: rows of each, as it was
            split = tuple(replace(v, ident=new_ident()) for v in arrays for _ in range(2))
            return Value(Kind.TUPLE, items=split)
    return UNKNOWN


def numpy_call(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``np.<name>(...)``: an array on the CPU in the dtype numpy gives it, or a
    tensor (or a list of them) converted to numpy, recorded in ``to_numpy``."""
    name = q[len("numpy.") :]
    if name in _GENERATORS:
        return Value(Kind.OBJECT, origin=GENERATOR, ident=new_ident())
    if (
        args
        and args[0][1].kind in (Kind.TENSOR, Kind.MOVED)
        and (
            name in _ONE_ARRAY
            or name in NUMPY_SCALAR_TYPES
            or (
                (name in NUMPY_UFUNCS or name in NUMPY_ARRAY_FIRST)
                and args[0][1].device != Place.CPU
            )
        )
    ):
        # (np.sqrt(t), np.argmax(t) of a tensor on the CPU is a tensor again:
        # __array_wrap__)
        scope.w.facts.to_numpy.add(node, args[0][1], scope.depth)
        return new_value(Kind.NDARRAY, Place.CPU, None)
    listed = args[0][1] if args else UNKNOWN
    if (
        (name in NUMPY_CONVERSIONS or name in NUMPY_LIST_REDUCTIONS)
        and listed.kind in (Kind.LIST, Kind.TUPLE)
        and listed.items
        and all(v.kind in (Kind.TENSOR, Kind.MOVED) for v in listed.items)
    ):
        # np.concatenate(preds): every tensor of the list is converted (what was moved
        # and is handed to numpy is a tensor: ``[t.cuda() for t in batch]``)
        scope.w.facts.to_numpy.add(node, listed, scope.depth)
        return new_value(Kind.NDARRAY, Place.CPU, None)
    if name in NUMPY_CONVERSIONS and (nested := lists.device_tensors(listed)):
        scope.w.facts.to_numpy.add(node, Value(Kind.LIST, items=nested), scope.depth)
        return new_value(Kind.NDARRAY, Place.CPU, None)
    operator = _NUMPY_BINARY.get(name)
    if name in NUMPY_PRODUCTS and all(
        a.keyword is None or a.keyword.value == "axes" for a, _ in args
    ):
        operator, args = cst.Multiply(), args[:2]  # (tensordot's axes: the dimensions summed)
    if operator is not None and len(args) == 2 and not any(a.keyword or a.star for a, _ in args):
        # np.maximum(size, 1), np.divide(a, b): as the operator promotes
        (left_arg, left), (right_arg, right) = args
        spelled = cst.BinaryOperation(left_arg.value, operator, right_arg.value)
        result = (
            arithmetic(spelled, left, right) if Kind.NDARRAY in (left.kind, right.kind) else UNKNOWN
        )
        created = result.last("create")
        if created is not None and created.node is spelled:
            return new_value(Kind.NDARRAY, Place.CPU, result.dtype, Event("create", node))
        return result
    dtype: str | None = None
    copied = UNKNOWN
    first = args[0][1] if args else UNKNOWN
    if name in NUMPY_STATISTICS and (stacked := _stacked(first)) is not None:
        first = stacked  # np.mean(vectors, axis=0) of a list of arrays: of the array they make
    if (
        name in NUMPY_CONVERSIONS
        and listed.kind in (Kind.LIST, Kind.TUPLE)
        and listed.items
        and all(v.kind == Kind.NDARRAY for v in listed.items)
    ):
        # np.stack(frames) of uint8 frames: numpy keeps the dtype they share
        kept = {v.dtype for v in listed.items}
        dtype = kept.pop() if len(kept) == 1 else None
        dtype = None if dtype == MAYBE_DTYPE else dtype
        if dtype is None and all(v.origin == PANDAS_NUMBERS for v in listed.items):
            made = new_value(Kind.NDARRAY, Place.CPU, None, Event("create", node))
            return replace(made, origin=PANDAS_NUMBERS)  # (a frame's numbers, stacked)
    elif name in NUMPY_FLOAT64:
        dtype = "float64"
    elif name in NUMPY_INT64:
        dtype = "int64"
    elif name == "bincount":
        # counts; sums of the weights (float64) where ``weights`` is given
        weighted = any(
            a.keyword.value == "weights" if a.keyword else i == 1 for i, (a, _) in enumerate(args)
        )
        dtype = "float64" if weighted else "int64"
    elif (name in NUMPY_KEEP_DTYPE or name in NUMPY_KEEP_DTYPE_FUNCTIONS) and (
        first.kind == Kind.NDARRAY
    ):
        dtype = first.dtype
        if dtype is None:
            return replace(first, ident=new_ident())
    elif name in NUMPY_REDUCTIONS and first.kind == Kind.NDARRAY:
        dtype = first.dtype
    elif name in NUMPY_STATISTICS and first.kind == Kind.NDARRAY and _numbers(first):
        # (x - np.mean(x)) / np.std(x): float64 unless the data is float32 or float16
        dtype = first.dtype if (first.dtype or "").startswith("float") else "float64"
    elif name in NUMPY_LINALG and first.kind == Kind.NDARRAY and _numbers(first):
        operands = [v for a, v in args[:2] if a.keyword is None and v.kind == Kind.NDARRAY]
        if first.dtype not in ("float32", "float16"):
            dtype = "float64"  # (promoted: a float64 or integer operand decides)
        elif len(operands) == len(args[:2]) and {v.dtype for v in operands} <= {"float32"}:
            dtype = "float32"
        if dtype is not None and name == "linalg.lstsq":
            made = new_value(Kind.NDARRAY, Place.CPU, dtype, Event("create", node))
            rank = Value(Kind.NUMBER, dtype="int64")
            return Value(Kind.TUPLE, items=(made, replace(made, ident=new_ident()), rank, made))
    elif name in NUMPY_UFUNCS and first.kind == Kind.NDARRAY and _numbers(first):
        dtype = "float32" if first.dtype in ("float32", "float16") else "float64"
    elif (
        name in ("array", "asarray", "ascontiguousarray")
        and args
        and args[0][1].kind == Kind.NDARRAY
    ):
        dtype = args[0][1].dtype  # a copy keeps the dtype
        copied = args[0][1]
    elif name in ("array", "asarray", "asanyarray") and args and args[0][1].origin == PIL_IMAGE:
        dtype = "uint8"  # np.asarray(Image.open(path).convert("RGB")): its pixels
    elif name in ("array", "asarray") and args and has_float_literal(args[0][0].value):
        dtype = "float64"
    elif (
        name in ("array", "asarray")
        and listed.kind in (Kind.LIST, Kind.TUPLE)
        and (numbers := _number_dtypes(listed))
        and numbers <= {"float32", "int64"}
    ):
        # np.array([float(v) for v in vals]): Python floats are float64 to numpy
        # (a NUMBER's "float32" is a Python float), Python ints int64
        dtype = "float64" if "float32" in numbers else "int64"
    elif name in ("frombuffer", "fromfile") and len(args) >= 2 and args[1][0].keyword is None:
        dtype = numpy_dtype(args[1][0].value)  # np.frombuffer(data, np.uint8)
    for arg, given in args:
        if arg.keyword and arg.keyword.value == "dtype":
            dtype = dtype_argument(arg, given)
    # (a conversion or a join makes an array of whatever it is given, np.stack(rows) of
    # rows the walk cannot see too, of a dtype not known)
    if dtype is None and name != "arange" and name not in NUMPY_CONVERSIONS:
        return UNKNOWN
    made = new_value(Kind.NDARRAY, Place.CPU, dtype, Event("create", node))
    keeps = name in NUMPY_KEEP_DTYPE or name in NUMPY_KEEP_DTYPE_FUNCTIONS
    made = dims.mark(
        made, (name in NUMPY_SIZED and dims.sized(node.args)) or (keeps and dims.has(first))
    )
    if copied.dtype != dtype:  # np.array(ids, dtype=np.float32): cast as it is copied
        whole, _ = after_cast(copied, dtype, Event("cast", node, dtype or ""))
        return replace(made, whole=whole)
    if (cast := copied.last("cast")) is not None:  # (copied as it is: that cast decided it)
        made = replace(made, events=(cast, *made.events))
    return converted(made, copied)


# An image PIL opened (``Image.open(path)``), in an 8-bit mode as far as the walk knows:
# ``np.asarray`` of it is uint8 pixels. Its methods that keep its mode:
PIL_IMAGE = "PIL.Image.Image"
_PIL_KEEPS_MODE = frozenset({"resize", "crop", "rotate", "transpose", "copy", "filter"})
# The objects of the array libraries whose methods the walk reads (``object_method``).
ARRAY_OBJECTS = frozenset({GENERATOR, PIL_IMAGE, OPENCV_VIDEO_READER})


def to_tensor(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``TF.to_tensor(pic)``: a CPU tensor, float32 from a PIL image or 8-bit pixels
    (scaled to [0, 1]), a floating array's dtype from such an array."""
    if not args:
        return UNKNOWN
    given = args[0][1]
    dtype: str | None = "float32"
    if given.kind == Kind.NDARRAY and given.dtype is not None and given.dtype != "uint8":
        dtype = given.dtype if given.dtype.startswith("float") else None
    elif given.kind in (Kind.TENSOR, Kind.MOVED):
        dtype = None  # (to_tensor wants an image or an array)
    return new_value(Kind.TENSOR, Place.CPU, dtype, Event("create", node))


def keeps_tensor(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``TF.normalize(x, mean, std)``, ``TF.resize(x, size)``: given a tensor, a new
    one where and as it is; given an image, an image (unknown here)."""
    if not args or args[0][1].kind not in (Kind.TENSOR, Kind.MOVED):
        return UNKNOWN
    given = args[0][1]
    return replace(given, ident=new_ident(), moved_from=0, whole=None)


# What a transform object stands for when it is called: a functional transform.
_TO_TENSOR = LIBRARY + TO_TENSOR
_KEEPS = LIBRARY + "torchvision.transforms.functional.normalize"


def transform(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``transforms.ToTensor()``, ``transforms.Normalize(mean, std)`` (and torchaudio's
    transforms that hold no buffer, ``AmplitudeToDB()``): a callable that is
    ``to_tensor`` or keeps a tensor as it is (``expressions.call_function``)."""
    made = _TO_TENSOR if q in TORCHVISION_TO_TENSOR_CLASSES else _KEEPS
    return Value(Kind.FUNCTION, origin=made, ident=new_ident())


def image_transform() -> Value:
    """A model's own preprocessing of images (open_clip's): a callable that makes a
    float32 CPU tensor of an image, as ``transforms.Compose([..., ToTensor(),
    Normalize(...)])`` does."""
    return Value(Kind.FUNCTION, origin=_TO_TENSOR, ident=new_ident())


def compose(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``transforms.Compose([Resize(r), ToTensor(), Normalize(m, s)])``: ``to_tensor``
    where a ``ToTensor`` is followed only by transforms that keep a tensor; unknown
    where any member is not a transform known here, or none makes a tensor."""
    members = args[0][1].items if len(args) == 1 and args[0][1].kind == Kind.TUPLE else ()
    origins = [m.origin if m.kind == Kind.FUNCTION else "" for m in members]
    if _TO_TENSOR not in origins or any(o not in (_TO_TENSOR, _KEEPS) for o in origins):
        return UNKNOWN
    return Value(Kind.FUNCTION, origin=_TO_TENSOR, ident=new_ident())


TORCHVISION_HANDLERS = {
    **dict.fromkeys(TORCHVISION_TO_TENSOR, to_tensor),
    **dict.fromkeys(TORCHVISION_KEEPS_TENSOR, keeps_tensor),
    **dict.fromkeys(TORCHVISION_TO_TENSOR_CLASSES | TORCHVISION_KEEPS_CLASSES, transform),
    **dict.fromkeys(TORCHVISION_COMPOSE, compose),
}


def pil_open(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    if q == PIL_FROM_ARRAY and not (
        args and args[0][1].kind == Kind.NDARRAY and args[0][1].dtype == "uint8"
    ):
        return UNKNOWN  # (float pixels make an image of mode "F")
    return Value(Kind.OBJECT, origin=PIL_IMAGE, ident=new_ident())


def video_capture(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    return Value(Kind.OBJECT, origin=OPENCV_VIDEO_READER, ident=new_ident())


def object_method(node: cst.Call, receiver: Value, name: str) -> Value:
    """A method of a numpy generator (a draw), of a PIL image (``convert("RGB")``,
    ``resize``: an image in an 8-bit mode still) or of an OpenCV video reader
    (``read()``: whether a frame came, and the uint8 frame)."""
    if receiver.origin == GENERATOR:
        return draw(node, name)
    if receiver.origin == OPENCV_VIDEO_READER:
        if name != "read" or node.args:
            return UNKNOWN
        frame = new_value(Kind.NDARRAY, Place.CPU, "uint8", Event("create", node))
        return Value(Kind.TUPLE, items=(Value(Kind.NUMBER, dtype="bool"), frame))
    mode = node.args[0].value if node.args else None
    if name in _PIL_KEEPS_MODE or (
        name == "convert"
        and isinstance(mode, cst.SimpleString)
        and mode.raw_value in PIL_8BIT_MODES
    ):
        return replace(receiver, ident=new_ident())
    return UNKNOWN


def draw(node: cst.Call, name: str) -> Value:
    """``rng.uniform(0, 1, n)`` of a numpy generator: an array on the CPU in the
    dtype numpy draws (float64 unless ``dtype=`` says otherwise). Without a size, one
    number: a Python float (float32 in torch, as a literal) or a numpy integer
    (int64); unknown for a method that keeps what it is given (``choice``)."""
    known = _DRAWS.get(name)
    if known is None or any(a.star for a in node.args):
        return UNKNOWN
    dtype, size_at = known
    positional = [a for a in node.args if a.keyword is None]
    sized = any(a.keyword and a.keyword.value == "size" for a in node.args)
    sized = sized or (len(positional) > size_at if size_at >= 0 else bool(positional))
    asked = [a.value for a in node.args if a.keyword and a.keyword.value == "dtype"]
    if asked:
        dtype = numpy_dtype(asked[0])
    if not sized:
        if asked:
            return UNKNOWN  # (a numpy scalar of the dtype asked for)
        return Value(Kind.NUMBER, dtype="float32" if dtype == "float64" else dtype)
    return new_value(Kind.NDARRAY, Place.CPU, dtype, Event("create", node))


def method(node: cst.Call, receiver: Value, name: str) -> Value:
    """``array.<name>(...)``: ``astype`` in the dtype asked for; reshapes, copies and
    reductions in the array's dtype; the mean (std, var) of integers in float64."""
    if name == "astype" and node.args:
        dtype = numpy_dtype(node.args[0].value)
        cast = Event("cast", node, dtype or "")
        whole, one_hot = after_cast(receiver, dtype, cast)
        events = (*receiver.events, cast)
        # (pandas' numbers cast: the dtype is the code's now, not int64 or float64)
        origin = "" if receiver.origin == PANDAS_NUMBERS else receiver.origin
        made = replace(receiver, dtype=dtype, ident=new_ident(), events=events, origin=origin)
        # (with the array's dimensions: a cast changes no shape)
        return dims.mark(replace(made, whole=whole, one_hot=one_hot), dims.has(receiver))
    if name in NUMPY_KEEP_DTYPE or name in NUMPY_SAME_DTYPE_METHODS:
        return replace(receiver, ident=new_ident())
    if name == "tolist":
        # a list of Python numbers (nested, one level per dimension): floats of a
        # floating array, ints of an integer one (float32 and int64 to torch.tensor)
        return Value(Kind.LIST, items=(Value(Kind.NUMBER, dtype=_python_number(receiver.dtype)),))
    if name in ("mean", "std", "var"):  # integers average to float64
        floating = (receiver.dtype or "").startswith("float")
        averaged = receiver.dtype if floating else "float64"
        known = receiver.dtype or receiver.origin == PANDAS_NUMBERS
        return replace(receiver, dtype=averaged if known else None, whole=None, origin="")
    return UNKNOWN


def arithmetic(node: cst.BinaryOperation, left: Value, right: Value) -> Value:
    """``counts / counts.sum(1) * 1e4`` on numpy arrays: an array on the CPU, in the
    dtype numpy's promotion gives (a Python number keeps a float array's dtype; true
    division of integers is float64; mixing float32 with float64 or an integer array
    is float64). Unknown dtype where an operand's is."""
    if PANDAS_NUMBERS in (left.origin, right.origin):
        # int64 or float64: known where both give the same (float64, floating arithmetic)
        as_int = arithmetic(node, _as(left, "int64"), _as(right, "int64"))
        as_float = arithmetic(node, _as(left, "float64"), _as(right, "float64"))
        if as_int.kind == Kind.NDARRAY and as_int.dtype == as_float.dtype and as_int.dtype:
            return as_float
        made = new_value(Kind.NDARRAY, Place.CPU, None, Event("create", node))
        return replace(made, origin=PANDAS_NUMBERS) if as_int.kind == Kind.NDARRAY else UNKNOWN
    promotes = (cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.Power, cst.MatrixMultiply)
    if isinstance(node.operator, promotes):
        dtypes = []
        kinds = (left.kind, right.kind)
        for side, expr in ((left, node.left), (right, node.right)):
            if side.kind == Kind.NDARRAY:
                dtypes.append(side.dtype)
            elif side.kind == Kind.NUMBER or isinstance(expr, (cst.Integer, cst.Float)):
                continue  # a Python scalar: the array's dtype decides
            else:
                dtypes.append(None)
        floats = {d for d in dtypes if d is not None and d.startswith("float")}
        dtype: str | None
        if "float64" in dtypes and MAYBE_DTYPE not in dtypes and Kind.MOVED not in kinds:
            # (hu - low) / (high - low) with parameters: float64 meets any real number,
            # array or tensor, and numpy's promotion (torch's too) keeps float64
            dtype = "float64"
        elif None in dtypes or MAYBE_DTYPE in dtypes:
            dtype = None
        elif "float64" in floats or (floats and len(set(dtypes)) > 1):
            dtype = "float64"
        elif floats:
            dtype = floats.pop()
        elif isinstance(node.operator, cst.Divide) or any(
            isinstance(e, cst.Float) for e in (node.left, node.right)
        ):
            dtype = "float64"  # integers divided, or times a Python float
        else:
            dtype = dtypes[0] if len(set(dtypes)) == 1 else None
        arrays = [side for side in (left, right) if side.kind == Kind.NDARRAY]
        if len(dtypes) == 1 and len(arrays) == 1 and arrays[0].dtype == dtype:
            # (acc - MEAN) / STD: the array, scaled; its dtype comes from where it was made.
            return replace(arrays[0], ident=new_ident(), whole=None)
        return new_value(Kind.NDARRAY, Place.CPU, dtype, Event("create", node))
    return UNKNOWN


def image_reader(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``torchvision.io.read_image(path)``, ``decode_jpeg(data)``: a uint8 image on
    the CPU (where ``device=`` says nothing else)."""
    scope.escape_args(args)
    placed = any(a.keyword is not None and a.keyword.value == "device" for a, _ in args)
    if placed or any(a.keyword is not None and a.keyword.value == "mode" for a, _ in args):
        return UNKNOWN  # (a device may be a GPU's; mode=UNCHANGED may keep 16 bits)
    return new_value(Kind.TENSOR, Place.CPU, "uint8", Event("create", node))


def video_reader(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``torchvision.io.read_video(path)``: (the uint8 frames on the CPU, the audio,
    the info dict)."""
    scope.escape_args(args)
    frames = new_value(Kind.TENSOR, Place.CPU, "uint8", Event("create", node))
    return Value(Kind.TUPLE, items=(frames, UNKNOWN, UNKNOWN))


def soundfile_read(
    scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]
) -> Value:
    """``sf.read(path)``: (float64 samples, the sample rate); ``dtype=`` names another
    dtype (read as numpy's spelling), ``frames=``/``start=``/``always_2d=`` keep the
    dtype (``out=`` fills the caller's array)."""
    dtype = "float64"
    for arg, _ in args:
        if arg.keyword is not None and arg.keyword.value == "dtype":
            dtype = numpy_dtype(arg.value)
        elif arg.keyword is not None and arg.keyword.value == "out":
            return UNKNOWN
    if dtype == MAYBE_DTYPE:
        return UNKNOWN
    samples = new_value(Kind.NDARRAY, Place.CPU, dtype, Event("create", node))
    return Value(Kind.TUPLE, items=(samples, Value(Kind.NUMBER, dtype="int64")))


def torchaudio_load(
    scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]
) -> Value:
    """``torchaudio.load(path)``: (a float32 waveform tensor on the CPU, the sample
    rate); with ``normalize=`` given, the file's own sample type may stay."""
    scope.escape_args(args)
    normalized = all(a.keyword is None or a.keyword.value != "normalize" for a, _ in args)
    wave = new_value(
        Kind.TENSOR, Place.CPU, "float32" if normalized else None, Event("create", node)
    )
    return Value(Kind.TUPLE, items=(wave, Value(Kind.NUMBER, dtype="int64")))


def imread(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``cv2.imread(path)`` (or with a colour or grayscale flag): a uint8 array.
    Other flags (IMREAD_UNCHANGED, IMREAD_ANYDEPTH) may keep 16 bits."""
    flags = [a.value for a, _ in args[1:]]
    if len(args) > 2 or any(
        (dotted(f) or "").rsplit(".", 1)[-1] not in ("IMREAD_COLOR", "IMREAD_GRAYSCALE")
        and not (isinstance(f, cst.Integer) and f.value in ("0", "1"))  # (their values)
        for f in flags
    ):
        return UNKNOWN
    return new_value(Kind.NDARRAY, Place.CPU, "uint8", Event("create", node))


# OpenCV's image operations whose result has the dtype of the image they are given
# (a uint8 mask resized with INTER_NEAREST, flipped, recoloured: uint8 still).
CV2_KEEP_DTYPE = frozenset(
    f"cv2.{name}"
    for name in """resize flip rotate transpose cvtColor warpAffine warpPerspective remap
    copyMakeBorder GaussianBlur medianBlur blur erode dilate""".split()
)


def cv2_kept(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``cv2.resize(mask, size)``: an array of the image's dtype, on the CPU."""
    first = args[0][1] if args and args[0][0].keyword is None else UNKNOWN
    if first.kind != Kind.NDARRAY:
        return UNKNOWN
    return replace(first, ident=new_ident())


def skimage_float(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``color.rgb2lab(pixels)``, ``img_as_float(pixels)``: float64 of integer (or
    bool) pixels, float32 of float32 ones, on the CPU; unknown of anything else."""
    first = args[0][1] if args and args[0][0].keyword is None else UNKNOWN
    if first.kind != Kind.NDARRAY or first.dtype is None or first.dtype == MAYBE_DTYPE:
        return UNKNOWN
    if first.dtype in ("float32", "float64"):
        dtype = first.dtype
    elif first.dtype == "bool" or first.dtype.startswith(("int", "uint")):
        dtype = "float64"
    else:
        return UNKNOWN
    return new_value(Kind.NDARRAY, Place.CPU, dtype, Event("create", node))


def unzipped(rows: Value) -> Value:
    """``zip(*rows)`` of a list of tuples: a tuple of its columns, each a list."""
    row = rows.items[0] if rows.kind == Kind.LIST and rows.items else UNKNOWN
    if row.kind != Kind.TUPLE or not row.items:
        return UNKNOWN
    return Value(Kind.TUPLE, items=tuple(Value(Kind.LIST, items=(item,)) for item in row.items))


def mapped(
    scope: Scope, node: cst.Call, fn: cst.BaseExpression, over: tuple[cst.Arg, Value]
) -> Value | None:
    """``map(np.asarray, columns)`` over a tuple the walk knows the members of: a
    tuple of what the numpy function makes of each member. None for any other map."""
    q = scope.w.analysis.qualify(fn)
    arg, value = over
    if q is None or not q.startswith("numpy.") or value.kind != Kind.TUPLE or not value.items:
        return None
    return Value(
        Kind.TUPLE, items=tuple(numpy_call(scope, node, q, [(arg, item)]) for item in value.items)
    )


def deque(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``deque(maxlen=k)``: an empty list, filled by ``append``; a deque of an
    iterable is not followed (what it was given may be changed)."""
    if all(a.keyword is not None for a, _ in args):
        return Value(Kind.LIST)
    scope.escape_args(args)
    return UNKNOWN


def _as(value: Value, dtype: str) -> Value:
    """pandas' numbers read as one of their two dtypes (anything else as it is; a
    dtype the code gave them since, ``.astype(np.float32)``, stays)."""
    if value.origin == PANDAS_NUMBERS:
        return replace(value, dtype=value.dtype or dtype, origin="")
    return value


def _stacked(listed: Value) -> Value | None:
    """The array numpy makes of a list or tuple of arrays of one known dtype (a
    function of numpy given one converts it so), else None."""
    if listed.kind not in (Kind.LIST, Kind.TUPLE) or not listed.items:
        return None
    if not all(v.kind == Kind.NDARRAY for v in listed.items):
        return None
    dtypes = {v.dtype for v in listed.items}
    if len(dtypes) != 1 or None in dtypes or MAYBE_DTYPE in dtypes:
        return None
    return new_value(Kind.NDARRAY, Place.CPU, dtypes.pop())


def _numbers(array: Value) -> bool:
    """An array whose dtype is known, or pandas' int64-or-float64 numbers."""
    return array.dtype is not None or array.origin == PANDAS_NUMBERS


def _python_number(dtype: str | None) -> str | None:
    """The dtype the walk gives a Python number that ``tolist`` makes of an array's
    element (``float``: float32, torch's default; ``int``: int64; ``bool``)."""
    family = (dtype or "").rstrip("0123456789")  # (float64 -> float; "maybe" stays)
    return {"float": "float32", "int": "int64", "uint": "int64", "bool": "bool"}.get(family)
