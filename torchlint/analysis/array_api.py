"""What the array libraries do with arrays and tensors: numpy's functions (which make
an array of a tensor, which keep a list's members), scikit-learn's data and the
libraries whose functions ``np.asarray`` their arguments, PIL's images, torchvision's
functional transforms. The torch side
of the same facts is ``torch_api.py``; the screen, the flow analysis and the rules
read both."""

from __future__ import annotations

# OpenCV's video reader: ``ok, frame = cv2.VideoCapture(path).read()`` gives uint8
# frames, as ``cv2.imread`` (``torch_api.OPENCV_IMAGE_READER``) gives uint8 images.
OPENCV_VIDEO_READER = "cv2.VideoCapture"
# soundfile's reader: ``data, rate = sf.read(path)`` gives float64 samples unless
# ``dtype=`` says otherwise (``torch.from_numpy`` keeps float64: float32 models refuse).
SOUNDFILE_READERS = frozenset({"soundfile.read"})
# torchaudio's reader: ``wav, rate = torchaudio.load(path)`` gives a float32 tensor on
# the CPU (``normalize=False`` keeps the file's integer samples).
TORCHAUDIO_LOAD = "torchaudio.load"
# torchaudio's functions that filter or resample a waveform where it is, in its dtype.
TORCHAUDIO_KEEPS = frozenset(
    f"torchaudio.functional.{name}"
    for name in """resample gain preemphasis deemphasis lfilter filtfilt highpass_biquad
    lowpass_biquad bandpass_biquad""".split()
)
# PIL's image reader; numpy reads its images' pixels as uint8 in these modes.
# ``Image.fromarray(pixels)`` is an image in the array's mode: 8-bit for uint8 pixels.
PIL_FROM_ARRAY = "PIL.Image.fromarray"
PIL_OPENERS = frozenset({"PIL.Image.open", PIL_FROM_ARRAY})
PIL_8BIT_MODES = frozenset({"RGB", "L", "RGBA", "P", "CMYK", "YCbCr", "LA", "HSV"})

# scikit-image's color conversions and float helpers: an image of integers (the uint8
# pixels of a PIL image or ``imread``) comes back float64, a float32 one float32
# (``rgb2lab(np.asarray(img))`` is float64: ``torch.from_numpy`` keeps it).
SKIMAGE_TO_FLOAT = frozenset(
    f"skimage.color.{name}"
    for name in """rgb2lab lab2rgb rgb2hsv hsv2rgb rgb2gray rgb2xyz xyz2rgb rgb2yuv yuv2rgb
    rgb2ycbcr ycbcr2rgb rgb2luv luv2rgb lab2lch lch2lab gray2rgb""".split()
) | frozenset({"skimage.util.img_as_float", "skimage.img_as_float"})

# torchvision's functional transforms: ``to_tensor`` makes a float32 CPU tensor of a
# PIL image or an 8-bit array (a floating array keeps its dtype); the others, given a
# tensor, give one where and as it is (given a PIL image, an image).
TO_TENSOR = "torchvision.transforms.functional.to_tensor"
TORCHVISION_TO_TENSOR = frozenset({TO_TENSOR})
# Their classes: ``ToTensor()`` is ``to_tensor``, the others keep a tensor as it is;
# a ``Compose`` of them is what its last dtype-changing member makes.
TORCHVISION_TO_TENSOR_CLASSES = frozenset(
    f"torchvision.transforms.{where}ToTensor" for where in ("", "transforms.", "v2.")
)
TORCHVISION_KEEPS_CLASSES = frozenset(
    f"torchvision.transforms.{where}{name}"
    for where in ("", "transforms.", "v2.")
    for name in """Normalize Resize CenterCrop RandomCrop RandomResizedCrop
    RandomHorizontalFlip RandomVerticalFlip ColorJitter RandomRotation RandomAffine
    Grayscale RandomGrayscale Pad GaussianBlur RandomErasing""".split()
)
TORCHVISION_COMPOSE = frozenset(
    {"torchvision.transforms.Compose", "torchvision.transforms.v2.Compose"}
)
# torchvision's image classification datasets: each item is ``(image, class index)``,
# the image a PIL image until the dataset's ``transform`` makes it something else.
TORCHVISION_CLASSIFICATION_DATASETS = frozenset(
    """MNIST FashionMNIST KMNIST EMNIST QMNIST CIFAR10 CIFAR100 SVHN STL10
    ImageFolder ImageNet Food101 Flowers102 StanfordCars GTSRB Country211 DTD EuroSAT
    FGVCAircraft PCAM SUN397 Places365 LSUN FakeData Caltech256 RenderedSST2""".split()
)  # (by class name: ``torchvision.datasets.cifar.CIFAR10`` is the same class)
TORCHVISION_KEEPS_TENSOR = frozenset(
    f"torchvision.transforms.{where}functional.{name}"
    for where in ("", "v2.")
    for name in """normalize resize center_crop crop resized_crop pad hflip vflip rotate
    affine gaussian_blur adjust_brightness adjust_contrast adjust_saturation adjust_hue
    adjust_gamma rgb_to_grayscale""".split()
)

# Libraries whose functions ``np.asarray`` their arguments (a GPU tensor fails there).
ARRAY_LIBRARIES = ("sklearn.", "scipy.", "matplotlib.pyplot.", "pandas.")


def array_library_function(q: str) -> bool:
    """``sklearn.metrics.accuracy_score``: a function (not a class) of such a library."""
    return q.startswith(ARRAY_LIBRARIES) and q.rsplit(".", 1)[-1][:1].islower()


# scikit-learn's data: the dtypes of (X, y) its generators return (its loaders too,
# asked for ``return_X_y=True``), and the splitters that return each array twice.
_CLASSES = """make_classification make_blobs make_moons make_circles make_gaussian_quantiles
    make_hastie_10_2 load_iris load_digits load_wine load_breast_cancer"""
_TARGETS = """make_regression make_friedman1 make_friedman2 make_friedman3 make_swiss_roll
    make_s_curve load_diabetes fetch_california_housing"""
SKLEARN_DATA = {f"sklearn.datasets.{n}": ("float64", "int64") for n in _CLASSES.split()} | {
    f"sklearn.datasets.{n}": ("float64", "float64") for n in _TARGETS.split()
}
SKLEARN_SPLITTERS = frozenset({"sklearn.model_selection.train_test_split"})
# scikit-learn's scalers: ``fit_transform(X)`` / ``transform(X)`` give float32 of
# float32 data and float64 of anything else (integers, float64: their check_array
# asks for FLOAT_DTYPES); ``fit`` returns the scaler.
SKLEARN_SCALERS = frozenset(
    f"sklearn.preprocessing.{n}"
    for n in """StandardScaler MinMaxScaler MaxAbsScaler RobustScaler Normalizer
    QuantileTransformer PowerTransformer""".split()
)
# Their methods given data: each makes a numpy array of it first (``check_array``).
SKLEARN_SCALER_DATA_METHODS = frozenset(
    "fit partial_fit transform fit_transform inverse_transform".split()
)
# scipy.signal's filters: numpy promotes the signal with the filter's coefficients,
# which its design functions (``butter``, ``firwin``, ...) make float64, so the
# filtered signal of real data is float64 whatever it was.
SCIPY_FILTERS = frozenset(
    f"scipy.signal.{n}" for n in "sosfilt sosfiltfilt lfilter filtfilt".split()
)

# numpy functions that turn their first argument into an array; given a list, each
# member is converted (``np.concatenate(preds)``).
# numpy's scalar types, called on a tensor (``np.float32(face)``): an array of it.
NUMPY_SCALAR_TYPES = frozenset(
    "float16 float32 float64 half single double uint8 int8 int16 int32 int64 bool_".split()
)
NUMPY_CONVERSIONS = frozenset(
    """array asarray asanyarray ascontiguousarray copy concatenate stack vstack hstack
    row_stack column_stack""".split()
)

# numpy's ufuncs: they make an array of a tensor through ``__array__`` (a tensor on a
# GPU cannot be one), where ``np.sum`` and its kin call the tensor's own method.
NUMPY_UFUNCS = frozenset(
    """log1p exp expm1 exp2 log log2 log10 sqrt cbrt square sin cos tan tanh sinh cosh
    arcsin arccos arctan arcsinh arccosh arctanh abs absolute fabs floor ceil rint sign
    reciprocal isnan isinf isfinite""".split()
)

# numpy functions that call a tensor's own method with numpy's arguments (``axis=``,
# ``out=``), which torch refuses, and then make an array of it (``np.argmax(t,
# axis=1)``, ``np.sort(t)``): a tensor on a GPU fails there as ``.numpy()`` does.
# Those for which a tensor has no such method (``np.argpartition``, ``np.compress``)
# make an array of it first, as do those that begin with ``asanyarray``
# (``np.partition``, ``np.trace``). (``np.sum``/``mean``/``max`` and the other
# reductions fail on any device instead.)
NUMPY_ARRAY_FIRST = frozenset(
    """median average cumsum cumprod argmax argmin percentile quantile unique sort
    argsort ptp argwhere flatnonzero round around clip ravel diff where transpose
    argpartition partition take compress repeat choose trace diagonal""".split()
)

# numpy functions that make an array of a list they are given first (``np.sum(outs,
# 0)`` of a list of tensors converts each one; of one tensor, numpy calls its own
# ``.sum`` instead).
NUMPY_LIST_REDUCTIONS = frozenset(
    "sum mean max min std var median average prod cumsum argmax argmin percentile "
    "quantile unique sort argsort amax amin".split()
)

# pandas: a frame its readers make (``pd.read_csv(path)``), and the numbers a frame
# holds (``df.values``, ``df[cols].to_numpy()``): int64 or float64, pandas' default
# numeric dtypes, so an array of unknown dtype whose floating arithmetic (``/``, a
# float operand, ``mean``/``std``, ``np.log1p``) is float64 either way.
PANDAS_FRAME = "pandas.DataFrame"
PANDAS_NUMBERS = "pandas numbers"
# One row of a frame (``df.iloc[idx]``, a Series): its cells are numbers, pandas'
# int64 or float64 (``row.label``, ``row["label"]``).
PANDAS_ROW = "pandas row"
PANDAS_READERS = frozenset(
    f"pandas.read_{kind}" for kind in "csv table excel parquet json feather fwf hdf".split()
)
# Frame methods whose result holds the same columns' dtypes.
FRAME_KEEPS = frozenset(
    """drop dropna fillna ffill bfill copy reset_index set_index sample sort_values
    sort_index head tail select_dtypes interpolate query reindex replace clip""".split()
)

# Python floats by name (``math.pi * u`` is a tensor where ``u`` is).
MATH_CONSTANTS = frozenset(
    f"{m}.{c}" for m in ("math", "numpy") for c in ("pi", "e", "tau", "inf", "nan")
)
# Python's math functions that always return a float (``-math.log(10000.0) *
# torch.arange(half)`` is float32, torch's default float, as ``math.pi * u`` is).
MATH_FLOAT_FUNCTIONS = frozenset(
    f"math.{f}"
    for f in (
        "sqrt exp exp2 expm1 log log2 log10 log1p pow sin cos tan asin acos atan atan2 "
        "sinh cosh tanh asinh acosh atanh hypot radians degrees erf erfc gamma lgamma "
        "fabs fmod fsum copysign cbrt"
    ).split()
)

# What numpy functions and ndarray methods give (``arrays.py`` reads them).
NUMPY_FLOAT64 = frozenset(
    "zeros ones empty eye identity linspace logspace loadtxt genfromtxt random.rand random.randn "
    "random.random random.normal random.uniform random.standard_normal "
    # (the window functions: float64 whatever their length's type)
    "hanning hamming blackman bartlett kaiser "
    # (np.interp computes in float64 whatever dtype its points have; complex ones aside)
    "interp".split()
)
# numpy functions (and ndarray methods) whose result has their input's dtype.
NUMPY_KEEP_DTYPE = frozenset(
    """copy reshape transpose squeeze expand_dims repeat tile flip roll clip concatenate
    stack vstack hstack ravel flatten""".split()
)
# numpy functions (not ndarray methods: ``a.sort()`` sorts in place and gives None)
# whose result has their first argument's dtype: a row or a column taken out, the axes
# moved, a sorted copy.
NUMPY_KEEP_DTYPE_FUNCTIONS = frozenset(
    """delete insert take sort swapaxes moveaxis rot90 fliplr flipud atleast_1d atleast_2d pad
    atleast_3d tril triu zeros_like ones_like empty_like full_like""".split()
)
# ndarray methods (reductions and the like) whose result has the array's dtype.
NUMPY_SAME_DTYPE_METHODS = frozenset("sum min max cumsum prod clip round abs".split())
# Elementwise maths: float64 from integers or float64, float32 stays float32.
# Integer results: numpy's default integer is int64.
# numpy factories given a size (``np.ones((n, n))``): their arrays have dimensions.
NUMPY_SIZED = frozenset({"zeros", "ones", "empty", "full"})
NUMPY_INT64 = frozenset(
    """random.randint random.integers random.poisson random.binomial random.negative_binomial
    random.geometric random.hypergeometric argmax argmin argsort""".split()
)

# Reductions of one array (``np.std(x)``, ``np.max(x, axis=0)``): the array's dtype, a
# float for the statistics of integers.
NUMPY_REDUCTIONS = frozenset("sum min max amin amax prod cumsum nansum nanmin nanmax".split())
NUMPY_STATISTICS = frozenset(
    "mean std var average median percentile quantile nanmean nanstd".split()
)
# numpy's linear algebra: floating results, float32 only of float32 operands (of an
# integer or float64 one, float64); ``lstsq`` gives (solution, residuals, rank, s).
NUMPY_LINALG = frozenset("linalg.solve linalg.inv linalg.pinv linalg.lstsq".split())
# numpy's products of two arrays promote their operands as ``*`` does (``np.tensordot(
# np.asarray(weights), stacked, axes=1)`` of Python floats is float64 whatever
# ``stacked`` holds); ``axes=`` only picks the dimensions summed.
NUMPY_PRODUCTS = frozenset("dot matmul tensordot inner outer kron".split())
