"""What a unit's casts tell the screen (``Unit.cast_call``): a cast to half, to a
narrow integer type or to float64, a dtype passed on as a variable, a tokenizer's
CPU output. A mixin of ``Unit``, apart from the walk that calls it."""

from __future__ import annotations

import ast
from collections.abc import Callable

from torchlint.analysis.torch_api import (
    CLIP_LOADERS,
    INT64_COUNTS,
    INT64_MAKERS,
    LEGACY_TENSOR_TYPES,
)
from torchlint.screen.file import File
from torchlint.screen.tags import (
    ACCELERATOR,
    CPU_DATA,
    CUDA_LITERAL,
    DTYPE_RESULT,
    DTYPE_WORD_TAGS,
    FLOAT64,
    FLOAT_CAST,
    HALF_CAST,
    INT64_CAST,
    INT64_COUNT,
    LEGACY_CONSTRUCTOR,
    LEGACY_TYPE_CAST,
    NARROW_ATTRIBUTES,
    NARROW_CAST,
    NARROW_WORDS,
    PLACED_MODULE,
)
from torchlint.screen.trees import (
    dotted,
    has_device_keyword,
    is_type_cast,
    last_name,
    nodes_under,
    words_of,
)


class Casts:
    file: File
    value_is_module: Callable[..., bool]
    tags: set[str]
    imported: dict[str, str]
    made_on_cpu: set[int]
    dtype_names: set[str]  # variables passed as a dtype
    qualify: Callable[[str], str | None]

    def cast_call(self, node: ast.Call, last: str) -> None:
        """A call of one of ``CAST_CALL_WORDS``: a cast, a dtype passed, a tokenizer."""
        tags, func = self.tags, node.func
        if (last == "double" and isinstance(func, ast.Attribute)) or last == "DoubleTensor":
            tags.add(FLOAT64)
        if (last == "float" and isinstance(func, ast.Attribute)) or last == "FloatTensor":
            tags.add(FLOAT_CAST)
        if last in INT64_MAKERS and (last != "long" or isinstance(func, ast.Attribute)):
            tags.add(INT64_CAST)  # torch.randint(...), x.long()
        if last in INT64_COUNTS:
            tags.add(INT64_COUNT)  # torch.arange(n): int64 where n is an int
        if last == "from_pretrained" and isinstance(func, ast.Attribute):
            owner = (dotted(func.value) or "").lower()
            if any(
                k in owner for k in ("token", "processor", "featureextractor", "feature_extractor")
            ):
                tags.add(CPU_DATA)  # a tokenizer: what it returns is on the CPU
        if (last in NARROW_ATTRIBUTES and isinstance(func, ast.Attribute)) or (
            last in NARROW_WORDS and last.endswith("Tensor")
        ):
            tags.add(NARROW_CAST)  # x.int(), torch.IntTensor(...)
        if (last in ("half", "bfloat16") and isinstance(func, ast.Attribute)) or last in (
            "HalfTensor",
            "BFloat16Tensor",
        ):
            tags.add(HALF_CAST)
        elif last == "load" and self.qualify(dotted(func) or "") in CLIP_LOADERS:
            tags.add(HALF_CAST)  # OpenAI CLIP's model is float16 on a GPU
        elif last in ("to", "type", "astype") and isinstance(func, ast.Attribute):
            self.dtype_argument([*node.args, *(k.value for k in node.keywords)])

    def dtype_argument(self, values: list[ast.expr]) -> None:
        """A dtype passed on: half if spelled so (``torch.float16``, ``th.half``), or
        if it is a variable the unit assigns something half to. (The flow analysis
        reads no dtype from strings or calls here.)"""
        for value in values:
            if isinstance(value, ast.IfExp):  # torch.float16 if half else torch.float32
                words = set().union(*(words_of(sub) for sub in nodes_under(value)))
                self.tags.update(DTYPE_WORD_TAGS[w] for w in words & DTYPE_WORD_TAGS.keys())
            elif isinstance(value, ast.Subscript) and (held := dotted(value.value)) is not None:
                self.dtype_names.add(held)  # DTYPES[args.precision]: any of the dict's
            elif isinstance(value, (ast.Name, ast.Attribute)):
                word = last_name(value) or ""
                tag = DTYPE_WORD_TAGS.get(self.imported.get(word, word))
                if tag is not None:
                    self.tags.add(tag)
                elif (path := dotted(value)) is not None:
                    self.dtype_names.add(path)

    def dtype_values(self, valued: list[tuple[set[str], ast.expr]]) -> None:
        """A variable passed as a dtype, assigned something half / narrow / float64
        (here, or in the module body the unit sees: ``evidence._inherit``), or what a
        call returns."""
        for paths, value in valued:
            if paths & self.dtype_names:
                words = set().union(*(words_of(sub) for sub in nodes_under(value)))
                self.tags.update(DTYPE_WORD_TAGS[w] for w in words & DTYPE_WORD_TAGS.keys())
                if isinstance(value, ast.Call):
                    self.tags.add(DTYPE_RESULT)  # (the dtype is in what it returns)

    def legacy_call(self, node: ast.Call, last: str | None) -> bool:
        """A legacy type cast (``x.type(torch.cuda.FloatTensor)``), or a call of a
        legacy constructor (``torch.LongTensor(...)``, ``torch.Tensor(data)``,
        ``map(torch.LongTensor, rows)``): tagged; whether it was a constructor."""
        tags, func = self.tags, node.func
        if is_type_cast(node):
            argument = node.args[0] if node.args else node.keywords[0].value
            word = last_name(argument)
            if (
                (isinstance(argument, ast.Constant) and "Tensor" in str(argument.value))
                or (word is not None and self.imported.get(word, word).endswith("Tensor"))
                or (
                    isinstance(argument, ast.Call)
                    and last_name(argument.func) == "type"
                    and not argument.args
                )
            ):
                tags.add(LEGACY_TYPE_CAST)
            if "cuda" in (dotted(argument) or "").split(".") or (
                type(argument) is ast.Name and argument.id in self.file.cuda_types
            ):
                tags.add(ACCELERATOR)  # x.type(torch.cuda.FloatTensor): moved to the GPU
                if isinstance(func, ast.Attribute) and self.value_is_module(func.value):
                    tags.add(PLACED_MODULE)
        if last is not None and self.imported.get(last, last) in LEGACY_TENSOR_TYPES:
            tags.update((LEGACY_CONSTRUCTOR, CPU_DATA))  # always made on the CPU
            self.made_on_cpu.add(id(node))
            if "cuda" in f"{dotted(func)}.{self.imported.get(last, '')}".split("."):
                tags.add(CUDA_LITERAL)  # torch.cuda.FloatTensor(...): made on the GPU
        elif self.imported.get(last or "", last) == "Tensor":
            tags.add(LEGACY_CONSTRUCTOR)  # torch.Tensor(data, device=d): raises off the CPU
            if not has_device_keyword(node):
                tags.add(CPU_DATA)  # torch.Tensor([r]): the legacy constructor's CPU tensor
                self.made_on_cpu.add(id(node))
        elif type(func) is ast.Name and func.id == "map" and node.args:
            mapped = last_name(node.args[0])  # map(torch.LongTensor, zip(*batch))
            if mapped is not None and self.imported.get(mapped, mapped) in LEGACY_TENSOR_TYPES:
                tags.update((LEGACY_CONSTRUCTOR, CPU_DATA))
                self.made_on_cpu.add(id(node))
        else:
            return False
        return True
