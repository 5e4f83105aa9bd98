"""Per-file facts gathered in one LibCST pass."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from torchlint.analysis.names import ImportTable, dotted

MODULE_BASES = frozenset(
    {
        "torch.nn.Module",
        "torch.nn.modules.module.Module",
        "transformers.PreTrainedModel",
        "transformers.modeling_utils.PreTrainedModel",
        "diffusers.ModelMixin",
    }
)


@dataclass(eq=False)
class ClassFacts:
    node: cst.ClassDef
    bases: list[str]  # qualified where imported, dotted text otherwise
    methods: set[str] = field(default_factory=set)
    # ``self.x = value`` anywhere in the class's methods, in source order.
    self_attrs: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)
    is_module: bool = False

    @property
    def name(self) -> str:
        return self.node.name.value


@dataclass(eq=False)
class FunctionFacts:
    node: cst.FunctionDef
    cls: ClassFacts | None
    params: list[str] = field(default_factory=list)
    # ``name = value`` in this function's own body (not nested functions), in order.
    assignments: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)

    def binds(self, name: str) -> bool:
        return name in self.params or name in self.assignments

    def single_value(self, name: str) -> cst.BaseExpression | None:
        """The value of a local that is assigned exactly once and is no parameter."""
        values = self.assignments.get(name, [])
        if len(values) == 1 and name not in self.params:
            return values[0]
        return None


@dataclass
class Analysis:
    imports: ImportTable
    functions: dict[cst.FunctionDef, FunctionFacts]
    classes: dict[cst.ClassDef, ClassFacts]
    module_assignments: dict[str, list[cst.BaseExpression]]

    def qualify(self, node: cst.BaseExpression) -> str | None:
        return self.imports.qualify(node)


class _Collector(cst.CSTVisitor):
    def __init__(self) -> None:
        self.imports = ImportTable()
        self.functions: dict[cst.FunctionDef, FunctionFacts] = {}
        self.classes: dict[cst.ClassDef, ClassFacts] = {}
        self.module_assignments: dict[str, list[cst.BaseExpression]] = {}
        self._classes: list[ClassFacts] = []
        self._functions: list[FunctionFacts] = []
        # Whether the innermost scope is a class body (methods) or a function.
        self._scope_kinds: list[str] = []

    # imports
    def visit_Import(self, node: cst.Import) -> None:
        self.imports.add_import(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.add_import_from(node)

    # scopes
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        bases = []
        for arg in node.bases:
            text = self.imports.qualify(arg.value) or dotted(arg.value)
            if text:
                bases.append(text)
        facts = ClassFacts(node=node, bases=bases)
        known = {c.name: c for c in self.classes.values()}
        facts.is_module = any(
            b in MODULE_BASES
            or b.endswith(("nn.Module", "PreTrainedModel", "ModelMixin"))
            or (b in known and known[b].is_module)
            for b in bases
        )
        self.classes[node] = facts
        self._classes.append(facts)
        self._scope_kinds.append("class")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._classes.pop()
        self._scope_kinds.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        cls = self._classes[-1] if self._scope_kinds[-1:] == ["class"] else None
        if cls is not None:
            cls.methods.add(node.name.value)
        elif self._functions and self._scope_kinds[-1:] == ["function"]:
            cls = self._functions[-1].cls  # a closure inside a method still sees self
        facts = FunctionFacts(node=node, cls=cls)
        p = node.params
        for param in (*p.posonly_params, *p.params, *p.kwonly_params):
            facts.params.append(param.name.value)
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                facts.params.append(star.name.value)
        self.functions[node] = facts
        self._functions.append(facts)
        self._scope_kinds.append("function")

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()
        self._scope_kinds.pop()

    # assignments
    def _record(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        scope = self._scope_kinds[-1] if self._scope_kinds else "module"
        if isinstance(target, cst.Name):
            if scope == "function":
                self._functions[-1].assignments.setdefault(target.value, []).append(value)
            elif scope == "module":
                self.module_assignments.setdefault(target.value, []).append(value)
        elif (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
            and self._functions
            and self._functions[-1].cls is not None
        ):
            attrs = self._functions[-1].cls.self_attrs
            attrs.setdefault(target.attr.value, []).append(value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._record(t.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._record(node.target, node.value)


def analyze(module: cst.Module) -> Analysis:
    collector = _Collector()
    module.visit(collector)
    return Analysis(
        imports=collector.imports,
        functions=collector.functions,
        classes=collector.classes,
        module_assignments=collector.module_assignments,
    )
