# source: https://github.com/writer/fitbert/pull/18
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: module-not-placed
# shape: class, helper
# bug-lines: 25, 50
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from typing import List

import torch
from transformers import BertForMaskedLM, BertTokenizer


class FitBert:
    def __init__(self, model_name="bert-large-uncased", model=None, tokenizer=None,
                 mask_token="***mask***", disable_gpu=False):
        self.mask_token = mask_token
        self.device = torch.device("cuda" if torch.cuda.is_available() and not disable_gpu else "cpu")
        print("device:", self.device)
        if model is not None and tokenizer is not None:
            self.bert = model
            self.tokenizer = tokenizer
            self.bert.to(self.device)
        else:
            self.bert = BertForMaskedLM.from_pretrained(model_name)
            self.tokenizer = BertTokenizer.from_pretrained(model_name)
        self.bert.eval()

    def _tokens(self, sentence: str) -> List[str]:
        pre, _, post = sentence.partition(self.mask_token)
        return (["[CLS]"] + self.tokenizer.tokenize(pre) + ["[MASK]"]
                + self.tokenizer.tokenize(post) + ["[SEP]"])

    def _mask_index(self, tokens: List[str]) -> int:
        return tokens.index("[MASK]")

    def _candidate_ids(self, options: List[str]) -> List[int]:
        ids = []
        for option in options:
            pieces = self.tokenizer.tokenize(option)
            ids.append(self.tokenizer.convert_tokens_to_ids(pieces)[0])
        return ids

    def rank(self, sentence: str, options: List[str]) -> List[str]:
        tokens = self._tokens(sentence)
        mask_idx = self._mask_index(tokens)
        ids = self.tokenizer.convert_tokens_to_ids(tokens)
        tens = torch.tensor(ids).unsqueeze(0).to(self.device)
        with torch.no_grad():
            logits = self.bert(tens).logits[0, mask_idx]
        probs = torch.softmax(logits, dim=-1)
        cand = torch.tensor(self._candidate_ids(options), device=probs.device)
        scores = probs[cand].tolist()
        return [o for _, o in sorted(zip(scores, options), key=lambda p: -p[0])]

    def fitb(self, sentence: str, options: List[str]) -> str:
        best = self.rank(sentence, options)[0]
        return sentence.replace(self.mask_token, best)


if __name__ == "__main__":
    fb = FitBert(model_name="./my-domain-bert")
    masked = "Why Bert, you're looking ***mask*** today!"
    print(fb.fitb(masked, options=["buff", "handsome", "strong"]))
