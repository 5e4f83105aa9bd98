# source: https://github.com/rasbt/LLMs-from-scratch/issues/435 https://github.com/rasbt/LLM-workshop-2024/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

VOCAB = "abcdefghijklmnopqrstuvwxyz .,!"


class TinyGPT(nn.Module):
    def __init__(self, vocab_size, emb_dim=32, context_length=16):
        super().__init__()
        self.tok_emb = nn.Embedding(vocab_size, emb_dim)
        self.pos_emb = nn.Embedding(context_length, emb_dim)
        self.out_head = nn.Linear(emb_dim, vocab_size)

    def forward(self, idx):
        positions = torch.arange(idx.shape[1], device=idx.device)
        return self.out_head(self.tok_emb(idx) + self.pos_emb(positions))


def text_to_token_ids(text, device):
    encoded = [VOCAB.index(ch) for ch in text.lower() if ch in VOCAB]
    return torch.tensor(encoded, device=device).unsqueeze(0)


def generate(model, idx, max_new_tokens, context_size=16):
    idx = idx.to(next(model.parameters()).device)
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])[:, -1, :]
        idx = torch.cat((idx, torch.argmax(logits, dim=-1, keepdim=True)), dim=1)
    return idx


def main(device):
    gpt = TinyGPT(len(VOCAB)).to(device).eval()
    start = text_to_token_ids("every effort moves", device)
    out = generate(gpt, start, 5)
    # a second prompt built without the device: generate() moves it itself
    out2 = generate(gpt, torch.tensor([[VOCAB.index("a")]]), 3)
    print("".join(VOCAB[i] for i in out[0].tolist()), out2.shape)


if __name__ == "__main__":
    main(torch.device("cuda" if torch.cuda.is_available() else "cpu"))
