# source: https://github.com/asahi417/lmppl/pull/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import math

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer


class EncoderDecoderScorer:
    def __init__(self, model_name="google/flan-t5-small", device=None, max_length=128):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(model_name).to(self.device).eval()
        self.max_length = max_length
        self.loss_fct = torch.nn.CrossEntropyLoss(reduction="none")

    def _encode(self, inputs, outputs):
        enc = self.tokenizer(inputs, return_tensors="pt", padding=True, truncation=True,
                             max_length=self.max_length)
        dec = self.tokenizer(text_target=outputs, return_tensors="pt", padding=True, truncation=True,
                             max_length=self.max_length)
        labels = dec["input_ids"].masked_fill(dec["input_ids"] == self.tokenizer.pad_token_id, -100)
        return enc, labels

    @torch.no_grad()
    def get_perplexity(self, inputs, outputs, batch_size=8):
        ppl = []
        for start in range(0, len(inputs), batch_size):
            enc, labels = self._encode(inputs[start:start + batch_size], outputs[start:start + batch_size])
            enc = {k: v.to(self.device) for k, v in enc.items()}
            labels = labels.to(self.device)
            logits = self.model(**enc, labels=labels).logits
            loss = self.loss_fct(logits.view(-1, logits.size(-1)), labels.view(-1))
            loss = loss.view(labels.shape)
            n_tokens = (labels != -100).sum(dim=-1)
            ppl += [math.exp(v) for v in (loss.sum(dim=-1) / n_tokens).tolist()]
        return ppl


if __name__ == "__main__":
    scorer = EncoderDecoderScorer()
    print(scorer.get_perplexity(["sentiment classification: I dropped my laptop on my knee."] * 2,
                                ["I am happy.", "I am sad."]))
