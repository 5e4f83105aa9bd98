# source: https://github.com/pengxiao-song/LaWGPT/issues/80
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# bug-lines: 58
# cpu: clean
# needs: torch
import sys

import torch
import torch.nn as nn

if torch.cuda.is_available():
    device = "cuda"
else:
    device = "cpu"

try:
    if torch.backends.mps.is_available():
        device = "mps"
except Exception:
    pass


class TinyLlamaForCausalLM(nn.Module):
    def __init__(self, vocab_size=1000, hidden=128, layers=2):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab_size, hidden)
        self.layers = nn.ModuleList(
            nn.Sequential(nn.LayerNorm(hidden), nn.Linear(hidden, 4 * hidden), nn.SiLU(), nn.Linear(4 * hidden, hidden))
            for _ in range(layers)
        )
        self.lm_head = nn.Linear(hidden, vocab_size, bias=False)

    def forward(self, input_ids):
        h = self.embed_tokens(input_ids)
        for layer in self.layers:
            h = h + layer(h)
        return self.lm_head(h)

    @torch.no_grad()
    def generate(self, input_ids, max_new_tokens=16):
        for _ in range(max_new_tokens):
            next_id = self(input_ids)[:, -1].argmax(-1, keepdim=True)
            input_ids = torch.cat([input_ids, next_id], dim=1)
        return input_ids


def main(load_8bit: bool = False, base_model: str = "lawgpt-7b", max_new_tokens: int = 32):
    if device == "cuda":
        model = TinyLlamaForCausalLM().to(device, dtype=torch.float16)
    elif device == "mps":
        model = TinyLlamaForCausalLM().to(device, dtype=torch.float16)
    else:
        model = TinyLlamaForCausalLM().to(device)

    if not load_8bit:
        model.half()

    model.eval()

    def evaluate(instruction, temperature=0.1, num_beams=1):
        prompt = f"### Instruction:\n{instruction}\n\n### Response:\n"
        input_ids = torch.tensor([[ord(c) % 1000 for c in prompt]]).to(device)
        output = model.generate(input_ids, max_new_tokens=max_new_tokens)
        return output[0, input_ids.shape[1]:].tolist()

    print(evaluate("请解释一下合同法中的要约与承诺。"))


if __name__ == "__main__":
    main(load_8bit="--load_8bit" in sys.argv)
