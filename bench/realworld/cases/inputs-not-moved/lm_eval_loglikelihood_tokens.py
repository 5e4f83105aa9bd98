# source: https://github.com/bigscience-workshop/lm-evaluation-harness/pull/72
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: class, helper
# bug-lines: 34, 41
# cpu: clean
# needs: torch, transformers
import argparse

import torch
import torch.nn.functional as F
from transformers import GPT2Config, GPT2LMHeadModel


class AutoCausalLM:
    def __init__(self, model, device="cuda"):
        self._device = torch.device(device)
        self.model = model.to(self._device)
        self.model.eval()

    @property
    def device(self):
        return self._device

    def _model_call(self, inputs):
        with torch.no_grad():
            return self.model(inputs).logits

    def loglikelihood(self, requests):
        return [self._loglikelihood_tokens(ctx, cont) for ctx, cont in requests]

    def _loglikelihood_tokens(self, context_enc, continuation_enc):
        # tokens never put on `self.device`
        inp = torch.tensor(
            (context_enc + continuation_enc)[-(self.model.config.n_positions + 1):][:-1],
            dtype=torch.long,
        ).unsqueeze(0)
        target = torch.tensor(continuation_enc, dtype=torch.long)
        n = len(continuation_enc)

        logits = F.log_softmax(self._model_call(inp), dim=-1)
        logits = logits[0, -n:]
        greedy = bool((logits.argmax(dim=-1) == target.to(logits.device)).all())
        ll = logits.gather(1, target.to(logits.device).unsqueeze(-1)).sum().item()
        return ll, greedy


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    config = GPT2Config(vocab_size=100, n_positions=32, n_embd=32, n_layer=2, n_head=2)
    lm = AutoCausalLM(GPT2LMHeadModel(config), device=args.device)
    print(lm.loglikelihood([([5, 6, 7, 8], [9, 10]), ([11, 12], [13])]))
