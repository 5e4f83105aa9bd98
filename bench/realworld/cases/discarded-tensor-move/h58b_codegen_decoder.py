# source: https://github.com/evalplus/evalplus/issues/292
# error: RuntimeError: Expected all tensors to be on the same device, but got index is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: class
# bug-lines: 29, 37
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class HuggingFaceDecoder:
    def __init__(self, name, dtype=torch.bfloat16, device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=dtype)
        self.model = self.model.to(self.device).eval()
        self.eos = ["\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#"]

    def _stop_at_eos(self, text):
        cut = min((text.find(s) for s in self.eos if s in text), default=len(text))
        return text[:cut]

    @torch.no_grad()
    def codegen(self, prompt, do_sample=False, num_samples=1, max_new_tokens=512):
        input_tokens = self.tokenizer.encode(prompt, return_tensors="pt")
        input_tokens.to(self.device)
        kwargs = {
            "max_new_tokens": max_new_tokens,
            "do_sample": do_sample,
            "pad_token_id": self.tokenizer.pad_token_id,
        }
        if do_sample:
            kwargs.update(top_p=0.95, temperature=0.8)
        outputs = self.model.generate(input_tokens, num_return_sequences=num_samples, **kwargs)
        completions = outputs[:, input_tokens.size(-1):]
        texts = self.tokenizer.batch_decode(completions, skip_special_tokens=True)
        return [self._stop_at_eos(t) for t in texts]


if __name__ == "__main__":
    decoder = HuggingFaceDecoder("bigcode/starcoder2-3b")
    prompt = 'def fib(n):\n    """Return the n-th Fibonacci number."""\n'
    for sample in decoder.codegen(prompt):
        print(prompt + sample)
