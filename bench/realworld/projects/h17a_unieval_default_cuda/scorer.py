# source: https://github.com/maszhongming/UniEval/issues/4
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 15, 23
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Boolean QA scorer: P(Yes) / (P(Yes) + P(No)) from a seq2seq evaluator."""
import torch
import torch.nn as nn
from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer


class BoolQScorer:
    def __init__(self, model_name, max_length=1024, device="cuda:0", cache_dir=None):
        self.device = device
        self.max_length = max_length
        config = AutoConfig.from_pretrained(model_name, cache_dir=cache_dir)
        self.tokenizer = AutoTokenizer.from_pretrained(model_name, cache_dir=cache_dir)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(model_name, config=config,
                                                           cache_dir=cache_dir)
        self.model.eval()
        self.model.to(device)
        self.softmax = nn.Softmax(dim=1)
        self.pos_id = self.tokenizer("Yes").input_ids[0]
        self.neg_id = self.tokenizer("No").input_ids[0]

    def score(self, inputs, batch_size=8):
        scores = []
        for i in range(0, len(inputs), batch_size):
            enc = self.tokenizer(inputs[i:i + batch_size], max_length=self.max_length,
                                 truncation=True, padding=True, return_tensors="pt")
            dec = self.tokenizer(["No"] * len(enc["input_ids"]), return_tensors="pt")
            with torch.no_grad():
                out = self.model(input_ids=enc["input_ids"].to(self.device),
                                 attention_mask=enc["attention_mask"].to(self.device),
                                 labels=dec["input_ids"][:, :1].to(self.device))
            probs = self.softmax(out.logits.view(-1, self.model.config.vocab_size))
            pos, neg = probs[:, self.pos_id], probs[:, self.neg_id]
            scores.extend((pos / (pos + neg)).tolist())
        return scores
