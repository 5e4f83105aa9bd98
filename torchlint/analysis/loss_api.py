"""torch's losses and the transformers heads that compute one, as the analysis and
the rules read them: which target dtype each checks (class indices, probabilities,
logits), which refuse a target of another floating dtype in backward, and which
task heads compute a cross-entropy on the ``labels`` they are given. (The rest of
torch's facts are ``torch_api.py``'s.)"""

from __future__ import annotations

# Losses whose target dtype torch checks, by qualified name (functional and module
# forms) -> the name messages use. Class indices must be int64 (or uint8); BCE's
# targets must be floating, and as wide as its input.
CLASS_INDEX_LOSSES = {
    "torch.nn.functional.cross_entropy": "cross_entropy",
    "torch.nn.functional.nll_loss": "nll_loss",
    "torch.nn.CrossEntropyLoss": "CrossEntropyLoss",
    "torch.nn.NLLLoss": "NLLLoss",
}
PROBABILITY_LOSSES = {
    "torch.nn.functional.binary_cross_entropy": "binary_cross_entropy",
    "torch.nn.BCELoss": "BCELoss",
}
LOGIT_LOSSES = {
    "torch.nn.functional.binary_cross_entropy_with_logits": "binary_cross_entropy_with_logits",
    "torch.nn.BCEWithLogitsLoss": "BCEWithLogitsLoss",
}
# Regression losses whose backward kernel refuses a target of another floating dtype
# than the input (a float64 target of a float32 prediction: "Found dtype Double but
# expected Float" when the loss is backpropagated) -> (the name messages use, the
# torch releases that raise). huber_loss's backward has no type promotion (torch
# 2.13 still raises); mse_loss's had none before 2026 (pytorch#94086: 2.10 and
# earlier raise; 2.13 computes the loss in float64). l1_loss and smooth_l1_loss
# promote in backward too, and forward passes promote: not listed. (BCE refuses the
# float64 target in its forward already: PROBABILITY_LOSSES.)
MIXED_FLOAT_BACKWARD_LOSSES = {
    "torch.nn.functional.huber_loss": ("huber_loss", ""),
    "torch.nn.HuberLoss": ("HuberLoss", ""),
    "torch.nn.functional.mse_loss": ("mse_loss", "torch 2.10 and earlier"),
    "torch.nn.MSELoss": ("MSELoss", "torch 2.10 and earlier"),
}
# Losses whose class weights must be in the input's dtype: the kernel does not
# promote (float64 weights of float32 logits: "expected scalar type Float but found
# Double", checked with torch 2.13.0+cpu, also under CPU autocast) -> where ``weight``
# sits among the positional arguments. (BCE's ``weight=``/``pos_weight=`` promote.)
WEIGHT_DTYPE_LOSSES = {
    "torch.nn.functional.cross_entropy": 2,
    "torch.nn.functional.nll_loss": 2,
    "torch.nn.CrossEntropyLoss": 0,
    "torch.nn.NLLLoss": 0,
}
# Losses given sequence lengths that must be integers (a float tensor raises
# "target_lengths must be integral" / "input_lengths must be integral", checked with
# torch 2.13.0+cpu): their names, positional after the input and the targets.
LENGTH_LOSSES = {"torch.nn.functional.ctc_loss": "ctc_loss", "torch.nn.CTCLoss": "CTCLoss"}
LENGTH_ARGUMENTS = ("input_lengths", "target_lengths")
LOSSES = {
    **CLASS_INDEX_LOSSES,
    **PROBABILITY_LOSSES,
    **LOGIT_LOSSES,
    **{q: name for q, (name, _) in MIXED_FLOAT_BACKWARD_LOSSES.items()},
}
# Every loss whose calls ``losses.called`` records (targets, or lengths).
RECORDED_LOSSES = {**LOSSES, **LENGTH_LOSSES}


def functional_loss(q: str) -> bool:
    """A loss function of ``torch.nn.functional`` (``F.l1_loss``, ``F.kl_div``,
    ``F.cross_entropy``): it reduces an input and a target to a loss where they are."""
    module, _, name = q.rpartition(".")
    return module == "torch.nn.functional" and (
        name.endswith("_loss") or name == "kl_div" or "cross_entropy" in name
    )


# transformers task heads whose forward computes a cross-entropy on the ``labels``
# it is given (class indices: int64; int32 raises "expected target dtype to be Long
# or Byte, but got Int"), by the end of the class name (``BertForMaskedLM``,
# ``AutoModelForCausalLM``, ``GPT2LMHeadModel``) -> whether the loss depends on the
# config. Those that do (transformers' ``ForSequenceClassificationLoss``; the audio
# classifiers call CrossEntropyLoss directly) take MSE for ``num_labels == 1`` or a
# ``problem_type`` of "regression", BCE with logits for labels neither int64 nor int32
# (multi-label), and cross-entropy for int64 and int32: only int32 is surely refused
# there. The others always compute a cross-entropy on ``labels`` (shifted, for the
# language models and the ``ForConditionalGeneration`` seq2seq and multimodal
# heads), so int32, int16 and int8 are refused. (Question answering takes
# ``start_positions``; CTC, detection and segmentation heads compute other losses.)
LABELS_CROSS_ENTROPY_HEADS = {
    "ForSequenceClassification": True,
    "ForImageClassification": True,
    "ForVideoClassification": True,
    "ForAudioClassification": True,
    "ForTokenClassification": False,
    "ForMultipleChoice": False,
    "ForCausalLM": False,
    "ForMaskedLM": False,
    "LMHeadModel": False,
    "ForSeq2SeqLM": False,
    "ForSpeechSeq2Seq": False,
    "ForConditionalGeneration": False,
}
# The config settings that make those heads regression (or multi-label) heads.
PROBLEM_TYPE_SETTINGS = frozenset({"problem_type", "num_labels"})


def labels_head(q: str) -> tuple[str, bool] | None:
    """For the qualified name of a transformers class (``transformers.X``, also
    through ``transformers.models...``), the task head suffix whose forward computes a
    cross-entropy on ``labels`` and whether its loss depends on the config
    (``LABELS_CROSS_ENTROPY_HEADS``); None for any other class."""
    if not q.startswith("transformers."):
        return None
    last = q.rsplit(".", 1)[-1]
    for suffix, configured in LABELS_CROSS_ENTROPY_HEADS.items():
        if last.endswith(suffix) and last != suffix:
            return suffix, configured
    return None
