# source: https://github.com/kakaobrain/pororo/issues/11
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class
# bug-lines: 20, 32
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import BartForConditionalGeneration, PreTrainedTokenizerFast


class AbstractiveSummarizer:
    """Wraps a BART checkpoint fine-tuned on news summarization."""

    def __init__(self, ckpt_dir, max_source_len=1024):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = PreTrainedTokenizerFast.from_pretrained(ckpt_dir)
        model = BartForConditionalGeneration.from_pretrained(ckpt_dir)
        # the checkpoint was trained in fp16, keep it that way to save memory
        self.model = model.half().eval().to(self.device)
        self.max_source_len = max_source_len

    def _encode(self, texts):
        enc = self.tokenizer(texts, max_length=self.max_source_len, truncation=True,
                             padding=True, return_tensors="pt")
        return {k: v.to(self.device) for k, v in enc.items() if k != "token_type_ids"}

    @torch.no_grad()
    def __call__(self, texts, beam=5, max_len=128, no_repeat_ngram_size=3):
        single = isinstance(texts, str)
        batch = self._encode([texts] if single else list(texts))
        summary_ids = self.model.generate(
            **batch,
            num_beams=beam,
            max_length=max_len,
            no_repeat_ngram_size=no_repeat_ngram_size,
            early_stopping=True,
        )
        summaries = self.tokenizer.batch_decode(summary_ids, skip_special_tokens=True)
        return summaries[0] if single else summaries
