# source: https://github.com/martiansideofthemoon/style-transfer-paraphrase/issues/19
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: legacy-type-cast
# shape: helper
# bug-lines: 34, 35, 36
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyParaphraser(nn.Module):
    """Decoder-only LM conditioned on a segment (source / target) embedding."""

    def __init__(self, vocab=50257, dim=256, n_segments=2):
        super().__init__()
        self.wte = nn.Embedding(vocab, dim)
        self.wse = nn.Embedding(n_segments, dim)
        layer = nn.TransformerEncoderLayer(dim, nhead=4, batch_first=True)
        self.body = nn.TransformerEncoder(layer, num_layers=2)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids, token_type_ids):
        h = self.wte(input_ids) + self.wse(token_type_ids)
        n = input_ids.size(1)
        mask = torch.triu(torch.full((n, n), float("-inf"), device=h.device), diagonal=1)
        return self.lm_head(self.body(h, mask=mask))


def get_logits(model, generated, segments):
    # ids come back from the tokenizer as int32 on some platforms,
    # the embedding layers want int64
    generated = generated.type(torch.LongTensor)
    segments = segments.type(torch.LongTensor)
    logits = model(generated, segments)
    return logits[:, -1, :]


def sample_paraphrase(model, prefix_ids, device, max_new=40, top_p=0.9):
    generated = torch.tensor([prefix_ids], dtype=torch.int32, device=device)
    segments = torch.zeros_like(generated)
    for _ in range(max_new):
        logits = get_logits(model, generated, segments)
        probs = F.softmax(logits, dim=-1)
        sorted_p, sorted_idx = probs.sort(descending=True)
        keep = sorted_p.cumsum(-1) <= top_p
        keep[..., 0] = True
        sorted_p = sorted_p * keep
        choice = torch.multinomial(sorted_p / sorted_p.sum(), 1)
        next_tok = sorted_idx.gather(-1, choice).to(generated.dtype)
        generated = torch.cat([generated, next_tok], dim=1)
        segments = torch.cat([segments, torch.ones_like(next_tok)], dim=1)
    return generated[0].tolist()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyParaphraser().to(device).eval()
    prompts = [[464, 3290, 318, 845], [40, 588, 257, 1310, 3290]]
    with torch.no_grad():
        for ids in prompts:
            print(sample_paraphrase(model, ids, device))
