"""Functions as values: what calling one gives (a lambda's body, a class or a
function of the file held under another name, a library class handed over as
``optimizer_fn=torch.optim.Adagrad`` and called where it is used), and a forward
hook's lambda, which torch calls with the module's output."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis import effects, legacy
from torchlint.analysis.calls import Calls
from torchlint.analysis.holders import output
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import legacy_constructor, optimizer_class
from torchlint.analysis.values import (
    CLASS,
    IMPORTED,
    LAMBDA,
    LIBRARY,
    TENSOR_CLASS_OF,
    UNKNOWN,
    Kind,
    Value,
)


class FunctionValues(Calls):
    def hooked(self, module: Value, args: list[tuple[cst.Arg, Value]]) -> None:
        """``layer.register_forward_hook(lambda m, i, o: feats.append(o))``: torch
        calls the hook with the module's output each time the module runs; its body
        is walked now, with that output (a tensor where the module runs, as a call
        of the module gives: ``holders.output``)."""
        hook = next(((a, v) for a, v in args if a.keyword is None), None)
        if hook is None or hook[1].kind != Kind.FUNCTION or hook[1].origin != LAMBDA:
            return
        arg = hook[0]
        self.call_lambda(hook[1], [(arg, module), (arg, UNKNOWN), (arg, output(module, []))])

    def library_class(self, node: cst.Name | cst.Attribute) -> Value | None:
        """``torch.optim.Adagrad`` (or ``Adagrad`` imported) as a value, not called:
        a library callable that makes what its call makes wherever it is called
        (``build(model, torch.optim.Adagrad)``); also a legacy tensor class
        (``self.Tensor = torch.FloatTensor``, called later with sizes: a CPU tensor).
        None for any other name."""
        q = self.w.analysis.qualify(node)
        if q and (optimizer_class(q) or legacy_constructor(q) is not None):
            return Value(Kind.FUNCTION, origin=LIBRARY + q)
        return None

    def call_function(
        self,
        value: Value,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        name: str | None = None,
    ) -> Value | None:
        """A FUNCTION value called: a lambda's body, a class of the file (``cls(...)``
        in a classmethod), or a function of the file held under another ``name`` than
        its own. UNKNOWN when such a call is not followed; None when ``value`` is
        none of these (the caller reads the call some other way)."""
        if value.kind != Kind.FUNCTION:
            return None
        if value.origin == TENSOR_CLASS_OF:
            return legacy.construct(self, node, args)  # tensortype = type(x); tensortype(n)
        if value.origin == LAMBDA:
            return self.call_lambda(value, args)
        if value.origin.startswith(LIBRARY):  # params.optimizer(model.parameters())
            return effects.library_call(self, node, value.origin.removeprefix(LIBRARY), args)
        if value.origin.startswith(CLASS):
            result = self.defined(value.origin.removeprefix(CLASS), node, args, None)
        elif value.origin != name and value.origin in self.w.top_functions:
            result = self.follow(self.w.top_functions[value.origin], node, args, None)
        elif value.origin.startswith(IMPORTED):  # criterion = hybrid_loss (of utils.py)
            result = self.imported(node, args, value.origin.removeprefix(IMPORTED))
        else:
            return None
        if result is None:
            self.escape_args(args)
            return UNKNOWN
        return result

    def call_lambda(self, value: Value, args: list[tuple[cst.Arg, Value]]) -> Value:
        """A lambda bound to a name, called: its body, with its parameters bound to
        the arguments, in the scope that calls it (where it was made, mostly)."""
        home = self.w.lambda_homes.get(value.ident)
        if isinstance(home, FunctionValues) and home is not self and _encloses(home, self):
            # cache(key, lambda: self.build(shape)) called as fn() inside cache's
            # __call__: the body reads the names of the walk that made the lambda
            return home.call_lambda(value, args)
        fn = self.w.lambdas.get(value.ident)
        params = fn.params if fn is not None else None
        if (
            fn is None
            or params is None
            or value.ident in self.w.in_lambda
            or params.kwonly_params
            or params.posonly_params
            or isinstance(params.star_arg, cst.Param)
            or params.star_kwarg is not None
            or len(params.params) != len(args)
            or any(a.keyword is not None or a.star for a, _ in args)
        ):
            self.escape_args(args)
            return UNKNOWN
        names = [p.name.value for p in params.params]
        saved = {n: self.env[n] for n in names if n in self.env}
        for name, (_, arg) in zip(names, args, strict=True):
            self.env[name] = arg
        self.w.in_lambda.add(value.ident)
        try:
            return self.eval(fn.body)
        finally:
            self.w.in_lambda.discard(value.ident)
            for name in names:
                self.env.pop(name, None)
            self.env.update(saved)


def _encloses(outer: object, inner: Scope) -> bool:
    """``outer`` is a walk that followed a call into ``inner`` (directly or through
    others): its names are still those of the call in progress."""
    scope: Scope | None = inner.parent
    while scope is not None:
        if scope is outer:
            return True
        scope = scope.parent
    return False
