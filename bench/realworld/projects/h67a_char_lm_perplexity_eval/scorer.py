# source: https://github.com/asahi417/lmppl/pull/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: stale-alias
# shape: multi-file, batch-dict, class
# bug-lines: 46, 47, 51
# needs: torch
# cpu: clean
"""Per-text perplexity for a causal character LM."""
import string

import torch
import torch.nn as nn

PAD_LABEL = nn.CrossEntropyLoss().ignore_index


class CharTokenizer:
    def __init__(self, alphabet=string.printable):
        self.pad_id, self.unk_id = 0, 1
        self.stoi = {c: i + 2 for i, c in enumerate(alphabet)}
        self.vocab_size = len(self.stoi) + 2

    def __call__(self, texts, max_length=200):
        rows = [[self.stoi.get(c, self.unk_id) for c in t[:max_length]] for t in texts]
        width = max(len(r) for r in rows)
        input_ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            input_ids[i, :len(r)] = torch.tensor(r)
            attention_mask[i, :len(r)] = 1
        return {"input_ids": input_ids, "attention_mask": attention_mask}


class PerplexityScorer:
    def __init__(self, model, tokenizer, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device).eval()
        self.tokenizer = tokenizer
        self.loss_fct = nn.CrossEntropyLoss(reduction="none")

    @torch.no_grad()
    def get_perplexity(self, texts, batch_size=8):
        ppl = []
        for start in range(0, len(texts), batch_size):
            enc = self.tokenizer(texts[start:start + batch_size])
            logits = self.model(**{k: v.to(self.device) for k, v in enc.items()})
            label = enc["input_ids"]
            label[enc["attention_mask"] == 0] = PAD_LABEL
            shift_logits = logits[:, :-1].contiguous()
            shift_label = label[:, 1:].contiguous()
            loss = self.loss_fct(shift_logits.view(-1, shift_logits.size(-1)), shift_label.view(-1))
            loss = loss.view(shift_label.shape).sum(-1) / (shift_label != PAD_LABEL).sum(-1)
            ppl += torch.exp(loss).cpu().tolist()
        return ppl
