"""What a unit's calls of library functions tell the screen (``Unit.library_call``):
torch's loaders, wraps and factories, PIL and torchvision data, optimizers, numpy,
pandas and scikit-learn. A mixin of ``Unit``, apart from the walk that calls it."""

from __future__ import annotations

import ast

from torchlint.analysis.array_api import (
    NUMPY_ARRAY_FIRST,
    NUMPY_CONVERSIONS,
    NUMPY_LIST_REDUCTIONS,
    NUMPY_SCALAR_TYPES,
    NUMPY_UFUNCS,
    PANDAS_READERS,
    PIL_OPENERS,
    SKLEARN_DATA,
    SOUNDFILE_READERS,
    TORCHAUDIO_LOAD,
    TORCHVISION_TO_TENSOR,
    TORCHVISION_TO_TENSOR_CLASSES,
    array_library_function,
)
from torchlint.analysis.tensor_factories import FACTORIES as _FLOW_FACTORIES
from torchlint.analysis.torch_api import (
    CHECKPOINT_LOADERS,
    DEPRECATED_AMP,
    FACTORY_FUNCTIONS,
    TORCHVISION_IMAGE_READERS,
    TORCHVISION_VIDEO_READER,
    optimizer_class,
)
from torchlint.screen.tags import (
    CPU_DATA,
    DEPRECATED_AMP_CALL,
    FACTORY_WITHOUT_DEVICE,
    FROM_NUMPY,
    NARROW_CAST,
    PARALLEL_WRAP,
    PARAMETER_STATE,
    PLACING_KEYWORDS,
    TORCH_LOAD,
)
from torchlint.screen.trees import has_device_keyword, members, on_cpu, roots_of


class LibraryCalls:
    tags: set[str]
    made_on_cpu: set[int]
    init_calls: set[int]
    to_torch: bool
    numpy_data: bool
    converted: set[str]
    reduced: list[ast.expr]

    def library_call(self, node: ast.Call, q: str) -> None:
        """A call of the library function ``q`` (qualified)."""
        tags = self.tags
        if q in DEPRECATED_AMP:
            tags.add(DEPRECATED_AMP_CALL)  # TL601
        if q in CHECKPOINT_LOADERS:  # (torch.load, load_state_dict_from_url)
            tags.add(TORCH_LOAD)
        elif "DataParallel" in q:
            tags.add(PARALLEL_WRAP)
        elif q.startswith("torch.") and q.rsplit(".", 1)[-1] in _FLOW_FACTORIES:
            tags.add(CPU_DATA)  # on the CPU unless device= says otherwise
            if not any(k.arg in PLACING_KEYWORDS or k.arg is None for k in node.keywords):
                self.made_on_cpu.add(id(node))
        elif q in PIL_OPENERS:
            tags.add(NARROW_CAST)  # np.asarray(Image.open(p)): uint8 pixels
        elif q.startswith("torchvision.datasets."):
            tags.add(CPU_DATA)  # a DataLoader over it yields CPU batches
        elif optimizer_class(q):
            tags.add(PARAMETER_STATE)
        elif q in TORCHVISION_TO_TENSOR or q in TORCHVISION_TO_TENSOR_CLASSES:
            self.to_torch = True  # to_tensor(array): a floating array keeps its dtype
            tags.add(CPU_DATA)  # ToTensor()(image): a CPU tensor
        elif q in TORCHVISION_IMAGE_READERS or q in (TORCHAUDIO_LOAD, TORCHVISION_VIDEO_READER):
            tags.add(CPU_DATA)  # read_image(path), torchaudio.load(path): CPU tensors
        if q.startswith("torch.") and q.rsplit(".", 1)[-1] in FACTORY_FUNCTIONS:
            if id(node) not in self.init_calls and not has_device_keyword(node):
                tags.add(FACTORY_WITHOUT_DEVICE)  # outside __init__ (TL401)
            if q in FROM_NUMPY:
                self.to_torch = True
        elif array_library_function(q):
            if q in SKLEARN_DATA or q in PANDAS_READERS:
                self.numpy_data = True  # make_classification(...), read_csv(...)
            # accuracy_score(y, preds): each argument is made an array
            for arg in (*node.args, *(k.value for k in node.keywords)):
                if not on_cpu(arg):
                    self.converted.update(roots_of(arg))
        elif q in SOUNDFILE_READERS:
            self.numpy_data = True  # sf.read(path): float64 samples
        elif q.startswith("numpy."):
            self.numpy_data = True  # float64 unless told otherwise
            function = q[len("numpy.") :]
            converts = (
                function in NUMPY_CONVERSIONS
                or function in NUMPY_SCALAR_TYPES
                or function in NUMPY_UFUNCS
                or function in NUMPY_ARRAY_FIRST
            )
            if function in NUMPY_LIST_REDUCTIONS and node.args:
                # np.sum(arr) converts nothing; np.sum(list of tensors) each
                if isinstance(node.args[0], (ast.List, ast.ListComp, ast.Tuple)):
                    converts = True
                else:
                    self.reduced.append(node.args[0])
            if converts and node.args:  # (np.sum([f(o) for o in outs]): each f(o))
                listed = [m for m in members(node.args[0]) if not on_cpu(m)]
                self.converted.update(*map(roots_of, listed))
