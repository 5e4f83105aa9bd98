# source: https://github.com/rasbt/LLMs-from-scratch/issues/435
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper
# bug-lines: 49
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

VOCAB = "abcdefghijklmnopqrstuvwxyz .,!"
CONFIG = {"vocab_size": len(VOCAB), "emb_dim": 32, "context_length": 16}


class TinyGPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"])

    def forward(self, idx):
        positions = torch.arange(idx.shape[1], device=idx.device)
        return self.out_head(self.tok_emb(idx) + self.pos_emb(positions))


def text_to_token_ids(text):
    encoded = [VOCAB.index(ch) for ch in text.lower() if ch in VOCAB]
    return torch.tensor(encoded).unsqueeze(0)


def token_ids_to_text(token_ids):
    return "".join(VOCAB[i] for i in token_ids.squeeze(0).tolist())


def generate(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])[:, -1, :]
        next_id = torch.argmax(logits, dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


def main(device):
    gpt = TinyGPT(CONFIG)
    gpt.to(device)
    gpt.eval()
    token_ids = generate(gpt, text_to_token_ids("every effort moves"), 5, CONFIG["context_length"])
    print("Output text:", token_ids_to_text(token_ids))


if __name__ == "__main__":
    main(torch.device("cuda" if torch.cuda.is_available() else "cpu"))
