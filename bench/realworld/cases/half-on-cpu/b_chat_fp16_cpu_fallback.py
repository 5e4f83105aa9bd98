# source: https://github.com/datawhalechina/self-llm/issues/29
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# bug-lines: 48, 56, 58
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class TinyChatLM(nn.Module):
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.block = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.norm = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids):
        h = self.embed(input_ids)
        h = h + self.block(h)
        return self.lm_head(self.norm(h))

    @torch.no_grad()
    def chat(self, tokenizer, query, history=None, max_new_tokens=8):
        history = history or []
        ids = tokenizer.encode(query)
        input_ids = torch.tensor([ids], device=self.lm_head.weight.device)
        for _ in range(max_new_tokens):
            logits = self(input_ids)[:, -1]
            nxt = logits.float().argmax(-1, keepdim=True)
            input_ids = torch.cat([input_ids, nxt], dim=1)
        response = tokenizer.decode(input_ids[0, len(ids):].tolist())
        return response, history + [(query, response)]


class CharTokenizer:
    def encode(self, text):
        return [ord(c) % 100 for c in text]

    def decode(self, ids):
        return "".join(chr(97 + i % 26) for i in ids)


def from_pretrained(model_dir, torch_dtype=torch.float16):
    model = TinyChatLM()
    return model.to(torch_dtype)


def main():
    model_dir = "/tmp/autodl-tmp/ZhipuAI/chatglm3-6b"
    tokenizer = CharTokenizer()
    model = from_pretrained(model_dir)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    model.eval()
    response, history = model.chat(tokenizer, "hello", history=[])
    print(response)


if __name__ == "__main__":
    main()
