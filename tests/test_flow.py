"""The flow analysis on its own: what it knows about each value at each call."""

from __future__ import annotations

import textwrap

import libcst as cst

from torchlint.analysis import analyze
from torchlint.analysis.observations import CallObs, FlowFacts
from torchlint.analysis.values import Place


def _flow(src: str) -> tuple[cst.Module, FlowFacts]:
    module = cst.parse_module(textwrap.dedent(src))
    return module, analyze(module).flow


def _calls(src: str) -> dict[str, CallObs]:
    module, facts = _flow(src)
    return {module.code_for_node(node): obs for node, obs in facts.calls.items()}


def test_cast_and_wrap() -> None:
    calls = _calls(
        """
        import torch
        from transformers import AutoModel
        from peft import get_peft_model as gpm
        device = torch.device("cuda")
        model = AutoModel.from_pretrained("m").half()
        model = gpm(model, cfg)
        out = model(x.to(device))
        """
    )
    obs = calls["model(x.to(device))"]
    assert (obs.module.kind, obs.module.device, obs.module.dtype) == (
        "wrapper",
        Place.CPU,
        "float16",
    )
    assert [e.action for e in obs.module.events] == ["create", "cast", "wrap"]
    ((_, arg),) = obs.args
    assert arg.device == Place.CUDA and arg.last("move") is not None


def test_moving_a_part_makes_the_whole_unknown() -> None:
    calls = _calls(
        """
        from transformers import AutoModel
        model = AutoModel.from_pretrained("m").half()
        dit = model.transformer
        dit.to(device)
        model.vae.to(device)
        model(x.to(device))
        """
    )
    obs = calls["model(x.to(device))"]
    assert obs.module.device == Place.MAYBE
    assert obs.env["dit"].device == Place.VAR and obs.env["model.vae"].device == Place.VAR


def test_module_moves_are_in_place_and_tensor_moves_are_not() -> None:
    calls = _calls(
        """
        import torch
        from torch import nn
        net = nn.Linear(2, 2)
        alias = net
        net.to("cuda")
        x = torch.zeros(2)
        x.to("cuda")
        alias(x)
        """
    )
    obs = calls["alias(x)"]
    assert obs.module.device == Place.CUDA  # moved through the other name
    assert obs.args[0][1].device == Place.CPU  # the statement moved nothing


def test_branches_merge_to_maybe_and_loops_may_not_run() -> None:
    calls = _calls(
        """
        from torch import nn
        a = nn.Linear(2, 2)
        if x.numel() > 1024:
            a.cuda()
        a(x)
        b = nn.Linear(2, 2)
        for _ in range(3):
            b.to(device)
        b(x)
        """
    )
    assert calls["a(x)"].module.device == Place.MAYBE
    assert calls["b(x)"].module.device == Place.MAYBE


def test_an_option_that_moves_to_a_gpu_is_read_as_the_gpu_run() -> None:
    # The run that crashes is the one started with the option that puts the model on
    # a GPU; the test must read options only, and its other branch go nowhere.
    calls = _calls(
        """
        from torch import nn
        a = nn.Linear(2, 2)
        if args.gpu >= 0:
            a = a.cuda(args.gpu)
        a(x)
        b = nn.Linear(2, 2)
        if not opts.cpu:
            b.to("cuda")
        else:
            b.float()
        b(x)
        c = nn.Linear(2, 2)
        if use_cuda(args):
            c.cuda()
        c(x)
        """
    )
    assert calls["a(x)"].module.device == Place.CUDA
    assert calls["b(x)"].module.device == Place.CUDA
    assert calls["c(x)"].module.device == Place.MAYBE


def test_unknown_calls_make_values_unknown() -> None:
    calls = _calls(
        """
        from torch import nn
        m = nn.Linear(2, 2).half()
        trainer = Trainer(model=m)
        m(x)
        """
    )
    module = calls["m(x)"].module
    assert module.device is None and module.dtype is None


def test_from_pretrained_device_map_dtype_and_placement_helpers() -> None:
    calls = _calls(
        """
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from accelerate import Accelerator
        a = AutoModelForCausalLM.from_pretrained("m", torch_dtype=torch.bfloat16, device_map="auto")
        a.generate(ids)
        b = AutoModelForCausalLM.from_pretrained("m")
        accelerator = Accelerator()
        b = accelerator.prepare(b)
        b(ids)
        tok = AutoTokenizer.from_pretrained("m")
        enc = tok("hi", return_tensors="pt")
        enc.to(device)
        c = AutoModelForCausalLM.from_pretrained("m").to(device)
        c(**enc)
        """
    )
    a = calls["a.generate(ids)"].module
    assert (a.device, a.dtype) == (Place.AUTO, "bfloat16")
    assert calls["b(ids)"].module.device == Place.PREPARED
    c = calls["c(**enc)"]
    assert c.module.device == Place.VAR
    assert c.args[0][1].kind == "encoding" and c.args[0][1].device == Place.VAR  # moved in place


def test_self_attributes_keep_their_kind_but_not_their_placement_outside_init() -> None:
    module, facts = _flow(
        """
        import torch
        from torch import nn
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.enc = nn.Linear(2, 2).half()
                self.mask = torch.ones(2)
            def forward(self, x):
                self.mask.to(x.device)
                return self.enc(x.cuda())
        """
    )
    calls = {module.code_for_node(n): o for n, o in facts.calls.items()}
    enc = calls["self.enc(x.cuda())"].module
    assert enc.kind == "module" and enc.device is None  # the owner may have moved it
    (discard,) = facts.discarded.values()
    assert discard.receiver.kind == "tensor"


def test_stale_alias_and_late_module() -> None:
    module, facts = _flow(
        """
        import torch
        from torch import nn
        def f(model, device):
            model.to(device)
            x = torch.zeros(3)
            keep = x
            x = x.to(device)
            model(keep)
            model.head = nn.Linear(2, 2)
        """
    )
    ((arg, name, _),) = facts.stale.values()
    assert module.code_for_node(arg.value) == "keep" and name == "x"
    (late,) = facts.late_modules.values()
    assert late.parent == "model" and late.placement.detail == Place.VAR


def test_late_module_followed_by_a_move_is_fine() -> None:
    _, facts = _flow(
        """
        from torch import nn
        def f(model, device):
            model.to(device)
            model.head = nn.Linear(2, 2)
            model.to(device)
        """
    )
    assert facts.late_modules == {}


def test_the_gpu_run_takes_guards_joined_by_and_and_or() -> None:
    """``args.cuda and torch.cuda.is_available()``: the GPU run is the one whose options
    ask for the GPU too; ``args.cpu or not torch.cuda.is_available()`` sends it to
    neither branch of the CPU; ``args.cuda or torch.cuda.is_available()`` is true in
    it whatever the option says; a device built from such a choice is that run's."""
    calls = _calls(
        """
        import torch
        from torch import nn
        a = nn.Linear(2, 2)
        if args.cuda and torch.cuda.is_available():
            a.cuda()
        a(x)
        b = nn.Linear(2, 2)
        if args.cpu or not torch.cuda.is_available():
            pass
        else:
            b.cuda()
        b(x)
        c = nn.Linear(2, 2)
        if args.cuda or torch.cuda.is_available():
            c.cuda()
        c(x)
        device = torch.device("cuda:0" if args.gpu_ids and torch.cuda.is_available() else "cpu")
        d = nn.Linear(2, 2).to(device)
        d(x)
        """
    )
    assert calls["a(x)"].module.device == Place.CUDA
    assert calls["b(x)"].module.device == Place.CUDA
    # (in the GPU run `torch.cuda.is_available()` is true, and so is the `or`)
    assert calls["c(x)"].module.device == Place.CUDA
    assert calls["d(x)"].module.device == Place.CUDA


def test_a_device_compared_with_cuda_is_the_gpu_run_s_and_a_fallback_device_is_known() -> None:
    """``if device == "cuda":`` is the GPU run's branch; a device that is a GPU in that
    run and the CPU in the other (a conditional expression, ``if``/``else``, a later
    ``"mps"``) is remembered where a module is moved to it."""
    module, facts = _flow(
        """
        import torch
        from torch import nn
        if torch.cuda.is_available():
            device = "cuda"
        else:
            device = "cpu"
        if torch.backends.mps.is_available():
            device = "mps"
        a = nn.Linear(2, 2)
        if device == "cuda":
            a.half()
        a.to(device)
        a(x)
        b = nn.Linear(2, 2).to("cuda" if torch.cuda.is_available() else "cpu")
        c = nn.Linear(2, 2).to(torch.device("cuda:1" if flag else "cuda:0"))
        """
    )
    calls = {module.code_for_node(n): o for n, o in facts.calls.items()}
    assert calls["a(x)"].module.dtype == "float16"
    moved = sorted(module.code_for_node(n) for n in facts.cpu_run_moves)
    assert moved == [
        "a.to(device)",
        'nn.Linear(2, 2).to("cuda" if torch.cuda.is_available() else "cpu")',
    ]


def test_a_function_defined_in_a_function_is_followed_with_the_names_around_it() -> None:
    module, facts = _flow(
        """
        import torch
        from torch import nn
        def main(x):
            model = nn.Linear(2, 2)
            def cast():
                model.half()
            def run(batch):
                return model(batch)
            cast()
            return run(x.cuda())
        """
    )
    (node,) = [n for n in facts.calls.in_context if module.code_for_node(n) == "model(batch)"]
    (run,) = facts.calls.all(node)  # (seen from the call of run())
    assert run.module.dtype == "float16"  # cast() reached the enclosing model
    assert run.args[0][1].device == Place.CUDA


def test_a_plain_class_keeps_what_its_init_made_where_no_other_code_reaches_it() -> None:
    module, facts = _flow(
        """
        import torch
        from torch import nn
        class Guidance:
            def __init__(self):
                self.unet = nn.Linear(2, 2).half()
                self.vae = nn.Linear(2, 2)
            def __call__(self, x):
                return self.unet(x) + self.vae(x)
        def build(device):
            g = Guidance()
            g.vae.to(device)
            return g
        """
    )
    calls = {module.code_for_node(n): o for n, o in facts.calls.items()}
    unet, vae = calls["self.unet(x)"].module, calls["self.vae(x)"].module
    assert (unet.device, unet.dtype) == (Place.CPU, "float16")
    assert vae.device is None  # `g.vae` is reached from outside: where it is is unknown


def test_the_class_of_a_tensor_makes_cpu_tensors() -> None:
    """``type(t)`` of a tensor is ``torch.Tensor`` on any device: called with sizes
    (directly, or through a name bound to it) it makes a CPU tensor of the default
    dtype, which meets the GPU one in ``x.sub(...)``; called with a tensor it is that
    tensor; ``type(p)`` of a parameter, or called with something else, says nothing."""
    module, facts = _flow(
        """
        import torch
        x = torch.rand(2, 3, device="cuda")
        tensortype = type(x.data)
        a, b = torch.chunk(x, 2)
        mean = tensortype(x.data.size())
        y = a.sub(mean)
        z = x + type(x)(*x.shape).normal_()
        same = x + type(x)(x)
        rebuilt = type(x)(t for t in [x]) + x
        """
    )
    made = {
        module.code_for_node(node): [m.node for m in facts.mixes.all(node)] for node in facts.mixes
    }
    assert {k: [module.code_for_node(n) for n in v] for k, v in made.items()} == {
        "tensortype(x.data.size())": ["a.sub(mean)"],
        "type(x)(*x.shape)": ["x + type(x)(*x.shape).normal_()"],
    }
    (mix,) = facts.mixes.all(
        next(n for n in facts.mixes if module.code_for_node(n).startswith("tensortype"))
    )
    assert (mix.cpu.device, mix.cpu.dtype, mix.device.device) == (Place.CPU, "float32", Place.CUDA)


def test_a_tensor_or_none_is_that_tensor_where_it_is_used() -> None:
    """``cache = None``, then built under an ``if``: used as a tensor, it is the one
    the branch made (on the CPU here), so it meets the GPU tensor; but whether it is
    None stays undecided, so both branches of a later ``is None`` test are walked."""
    module, facts = _flow(
        """
        import torch
        x = torch.rand(2, device="cuda")
        cache = None
        if n > 2:
            cache = torch.zeros(2)
        y = x + cache[:2]
        if cache is None:
            z = x + torch.ones(2)
        """
    )
    made = {
        module.code_for_node(node): [m.node for m in facts.mixes.all(node)] for node in facts.mixes
    }
    assert {k: [module.code_for_node(n) for n in v] for k, v in made.items()} == {
        "torch.zeros(2)": ["x + cache[:2]"],
        "torch.ones(2)": ["x + torch.ones(2)"],
    }


def test_a_tensor_made_on_another_ones_device_is_made_where_that_one_was() -> None:
    """``torch.arange(n, device=lengths.device)`` with ``lengths`` made on the CPU:
    the meeting is keyed by where ``lengths`` was made (the line to change), and the
    creation's story keeps the arange as its source."""
    module, facts = _flow(
        """
        import torch
        x = torch.rand(2, 4, device="cuda")
        lengths = torch.tensor([3, 4])
        steps = torch.arange(4, device=lengths.device)
        y = x + steps
        """
    )
    (node,) = list(facts.mixes)
    assert module.code_for_node(node) == "torch.tensor([3, 4])"
    (mix,) = facts.mixes.all(node)
    made = mix.cpu.last("create")
    assert made is not None and made.source is not None
    assert module.code_for_node(made.source.node) == "torch.arange(4, device=lengths.device)"


def _dtype_mixes(src: str) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """Each op where two floating dtypes met: its operands, their dtypes, and the
    code of the line that decided each dtype (``Value.dtype_event``)."""
    module, facts = _flow(src)
    mixes = facts.dtype_mixes
    out = {}
    for node in [*mixes, *(n for n in mixes.in_context if n not in mixes)]:
        operands = []
        for mix in mixes.all(node):
            for expr, value in mix.operands:
                made = value.dtype_event()
                code = module.code_for_node(made.node) if made is not None else None
                operands.append((module.code_for_node(expr), value.dtype, code))
        out[module.code_for_node(node)] = operands
    return out


def test_a_helper_that_calls_nothing_is_followed_past_the_depth_limit() -> None:
    """Four calls deep (``MAX_CALL_DEPTH``), ``blur`` still calls ``kernel``: a
    helper that calls none of the file's code leads nowhere further, so it is
    walked, and its float32 taps meet the float64 image in the convolution. Its
    number defaults, ``-x`` and ``torch.outer`` keep the taps a float32 tensor."""
    mixes = _dtype_mixes(
        """
        import numpy as np
        import torch
        import torch.nn.functional as F

        def kernel(size=5, sigma=1.0):
            ax = torch.arange(size, dtype=torch.float32) - (size - 1) / 2
            g = torch.exp(-(ax ** 2) / (2 * sigma ** 2))
            return torch.outer(g, g)[None, None]

        def blur(x):
            return F.conv2d(x, kernel())

        def low(x):
            return blur(x)

        def split(x):
            return low(x), x - low(x)

        def guide(x):
            return split(x)[0]

        image = torch.from_numpy(np.zeros((1, 1, 8, 8)))
        guide(image)
        """
    )
    arange = "torch.arange(size, dtype=torch.float32)"
    numpy_made = "torch.from_numpy(np.zeros((1, 1, 8, 8)))"
    assert mixes == {
        "F.conv2d(x, kernel())": [("x", "float64", numpy_made), ("kernel()", "float32", arange)]
        * 2  # (reached through both calls of low())
    }


def test_a_float64_tensor_with_dimensions_makes_arithmetic_float64() -> None:
    """``x * level`` with ``level`` float64 and shaped (``view(1, 1)``) is float64
    whatever ``x`` is, and its dtype was decided where ``level`` was made; a
    zero-dimensional one (``levels[0]``) leaves the dtype unknown. Two float32
    tensors with dimensions made on different lines decide their sum's dtype
    together: its story starts at the sum (a "join")."""
    mixes = _dtype_mixes(
        """
        import numpy as np
        import torch
        levels = torch.from_numpy(np.linspace(1.0, 0.1, 8))
        x = torch.from_numpy(data)
        w = torch.ones(2, 2, dtype=torch.float16)
        y = torch.mm(x * levels[0].view(1, 1), w)
        z = torch.mm(x * levels[0], w)
        a, b = torch.ones(2, 2), torch.zeros(2, 2)
        s = torch.mm(a + b, w)
        """
    )
    made = "torch.from_numpy(np.linspace(1.0, 0.1, 8))"
    half = "torch.ones(2, 2, dtype=torch.float16)"
    assert mixes == {
        "torch.mm(x * levels[0].view(1, 1), w)": [
            ("x * levels[0].view(1, 1)", "float64", made),
            ("w", "float16", half),
        ],
        "torch.mm(a + b, w)": [("a + b", "float32", "a + b"), ("w", "float16", half)],
    }


def test_an_options_half_dtype_follows_the_model_output_through_where() -> None:
    """``torch.float16 if args.fp16 else torch.float32``: the model cast with it is
    half on that branch, so is what it computes (kept through ``requires_grad_``,
    ``zeros_like`` and ``torch.where``), and a float32 factory meeting it in a
    convolution is observed with the branch's dtype."""
    mixes = _dtype_mixes(
        """
        import torch
        import torch.nn.functional as F
        from torch import nn
        dtype = torch.float16 if args.fp16 else torch.float32
        model = nn.Linear(8, 8).to("cuda", dtype)
        logits = model(x).requires_grad_(True)
        out = torch.where(mask, torch.zeros_like(logits), logits)
        y = F.conv2d(out, torch.eye(3, device="cuda")[None, None])
        """
    )
    choice = "torch.float16 if args.fp16 else torch.float32"
    assert mixes == {
        'F.conv2d(out, torch.eye(3, device="cuda")[None, None])': [
            ("out", "maybe", choice),
            ('torch.eye(3, device="cuda")[None, None]', "float32", 'torch.eye(3, device="cuda")'),
        ]
    }


def test_a_dict_filled_key_by_key_is_where_its_tensors_are() -> None:
    calls = _calls(
        """
        import torch
        def move(batch, device):
            out = {}
            for key, value in batch.items():
                if torch.is_tensor(value):
                    out[key] = value.to(device)
                else:
                    out[key] = value
            return out
        def keep(batch, device):
            out = {}
            for key, value in batch.items():
                out[key] = value.to(device) if key == "x" else value
            return out
        def settings():
            out = {}
            out["n"] = 3
            return out
        model = torch.nn.Linear(2, 2)
        model(move(b, torch.device("cuda")))
        model(keep(b, torch.device("cuda")))
        model(settings())
        """
    )
    ((_, moved),) = calls['model(move(b, torch.device("cuda")))'].args
    assert (moved.kind, moved.device) == ("encoding", Place.CUDA)
    # (an entry of unknown kind may be a CPU tensor: nothing is known)
    ((_, kept),) = calls['model(keep(b, torch.device("cuda")))'].args
    assert kept.kind is None
    ((_, plain),) = calls["model(settings())"].args
    assert plain.kind is None


def test_settings_unpacked_into_a_call_bind_its_parameters() -> None:
    module, facts = _flow(
        """
        import torch
        CFG = dict(device="cpu", half=True)
        CHANGED = {"device": "cpu", "half": True}
        CHANGED["device"] = "cuda"
        def run(device="", half=False):
            if device.lower() == "cpu":
                device = torch.device("cpu")
            else:
                device = torch.device("cuda")
            model = torch.nn.Linear(2, 2).to(device)
            if half:
                model.half()
            return model(x)
        run(**CFG)
        run(**CHANGED)
        """
    )
    (node,) = [n for n in facts.calls.in_context if module.code_for_node(n) == "model(x)"]
    seen = facts.calls.all(node)
    # run(**CFG): the CPU, float16; run(**CHANGED): the dict is changed in place, so
    # its entries are not read (a device either way, the flag unknown)
    assert [(o.module.device, o.module.dtype) for o in seen[-2:]] == [
        (Place.CPU, "float16"),
        (Place.VAR, "maybe"),
    ]


def test_a_dtype_named_by_a_string_is_that_dtype_for_getattr_only() -> None:
    calls = _calls(
        """
        import torch
        from transformers import AutoModel
        CFG = {"dtype": "float16", "device": "cpu"}
        def load(cfg=CFG):
            dtype = getattr(torch, cfg["dtype"])
            return AutoModel.from_pretrained("m", torch_dtype=dtype).to(cfg["device"])
        model = load()
        model(ids)
        name = CFG["dtype"]
        if name == torch.float16:
            model.float()
        model(ids + 1)
        """
    )
    obs = calls["model(ids)"]
    assert (obs.module.device, obs.module.dtype) == (Place.CPU, "float16")
    # ("float16" == torch.float16 is False in Python: not decided either way)
    assert calls["model(ids + 1)"].module.dtype != "float32"


def test_a_property_and_a_stored_number_of_an_instance_are_read() -> None:
    module, facts = _flow(
        """
        import torch
        from torch import nn
        class Vae(nn.Module):
            def __init__(self, scaling_factor=0.18):
                super().__init__()
                self.scaling_factor = scaling_factor
                self.conv = nn.Conv2d(4, 3, 1)
            def decode(self, z):
                return self.conv(z)
        class Pipe:
            def __init__(self, vae):
                self.vae = vae
            @property
            def latent_dtype(self):
                return torch.float16
            def run(self, latents):
                latents = latents.to(self.latent_dtype) / self.vae.scaling_factor
                return self.vae.decode(latents)
        Pipe(Vae()).run(torch.randn(1, 4, 8, 8))
        """
    )
    (node,) = [n for n in facts.calls.in_context if module.code_for_node(n) == "self.conv(z)"]
    # (followed from run(): a float16 tensor, divided by a number the Vae stored)
    assert [(o.args[0][1].kind, o.args[0][1].dtype) for o in facts.calls.all(node)][1:] == [
        ("tensor", "float16")
    ]


def test_integer_ids_come_out_of_a_layer_without_their_dtype() -> None:
    # An nn.Embedding makes floats of the ids it is given; a layer whose dtype the
    # walk does not know otherwise passes its input's story (and dtype) on.
    calls = _calls(
        """
        import torch
        from torch import nn
        torch.set_default_dtype(torch.float32)  # (layers: in a dtype the walk leaves open)
        embed, norm, conv = nn.Embedding(10, 4), nn.LayerNorm(4), nn.Conv1d(4, 4, 1)
        ids = torch.zeros(2, 3, dtype=torch.int32)
        h = embed(ids)
        conv(h)
        x = torch.zeros(2, 4, dtype=torch.float16)
        norm(x)
        y = norm(x)
        conv(y)
        """
    )
    assert calls["conv(h)"].args[0][1].dtype is None
    assert calls["conv(y)"].args[0][1].dtype == "float16"


def test_a_loop_over_a_written_out_list_of_callables_runs_each_in_order() -> None:
    calls = _calls(
        """
        import numpy as np
        import torch
        from torch import nn

        class Grid:
            def __call__(self, a):
                return np.zeros((3, 3))

        class ToFloat:
            def __call__(self, a):
                return a.astype(np.float32)

        def run(signals):
            conv = nn.Conv2d(3, 3, 1)
            x, steps = signals, [Grid(), ToFloat()]
            for t in steps:
                x = t(x)
            conv(torch.from_numpy(x))
            y, grid, to_float = signals, Grid(), ToFloat()
            for t in [to_float, grid]:
                y = t(y)
            conv(torch.from_numpy(y))
        """
    )
    assert calls["conv(torch.from_numpy(x))"].args[0][1].dtype == "float32"
    assert calls["conv(torch.from_numpy(y))"].args[0][1].dtype == "float64"


def test_an_integer_sum_is_int64_and_a_dtype_keyword_decides() -> None:
    """torch accumulates bool and integer tensors in int64 (``spikes.sum(0)`` counts),
    and ``dtype=`` of a reduction or a softmax is the result's dtype."""
    calls = _calls(
        """
        import torch
        import torch.nn.functional as F
        layer = torch.nn.Linear(4, 2)
        x = torch.rand(3, 4)
        layer((x > 0.5).sum(0))
        layer(torch.cumsum(x.int(), 0))
        layer((x > 0.5).sum(0, dtype=torch.float16))
        layer(F.softmax(x, -1, dtype=torch.float64))
        layer(x.sum(0))
        """
    )
    dtypes = [obs.args[0][1].dtype for obs in calls.values() if obs.args]
    assert dtypes == ["int64", "int64", "float16", "float64", "float32"]


def test_a_rebuilt_batch_marks_the_entry_left_out_of_its_moves() -> None:
    """``{"ids": b["ids"].to(device), "speaker": b["speaker"]}``: the unmoved entry of a
    DataLoader's batch gets a "put" event at its line; entries spread in with
    ``**b`` have no line of their own and are left as they are."""
    calls = _calls(
        """
        import torch
        from torch.utils.data import DataLoader, TensorDataset
        model = torch.nn.Embedding(8, 4).to("cuda")
        loader = DataLoader(TensorDataset(torch.zeros(4, 2).long(), torch.zeros(4).long()))
        for ids, speaker in loader:
            b = {"ids": ids, "speaker": speaker}
            rebuilt = {"ids": b["ids"].to("cuda"), "speaker": b["speaker"]}
            model(rebuilt["speaker"])
            spread = {**b, "ids": b["ids"].to("cuda")}
            model(spread["speaker"])
        """
    )
    put = [obs.args[0][1].last("put") for obs in calls.values()]
    assert put[0] is not None and put[0].detail == "speaker"
    assert put[1] is None
