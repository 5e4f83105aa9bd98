# source: https://github.com/X-PLUG/mPLUG-Owl/issues/190
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Detailed-caption generation: visual prefix tokens + instruction prompt, greedy decoding."""
import torch
import torch.nn as nn

from attention import DecoderBlock


class PrefixCaptionLM(nn.Module):
    def __init__(self, vocab_size, vis_dim=1024, hidden=512, layers=6, max_positions=256):
        super().__init__()
        self.vis_proj = nn.Linear(vis_dim, hidden)
        self.tok_embed = nn.Embedding(vocab_size, hidden)
        self.blocks = nn.ModuleList(DecoderBlock(hidden, 8, max_positions) for _ in range(layers))
        self.lm_head = nn.Linear(hidden, vocab_size, bias=False)

    def forward(self, vis_feats, input_ids):
        x = torch.cat([self.vis_proj(vis_feats), self.tok_embed(input_ids)], dim=1)
        position_ids = torch.arange(x.size(1), device=x.device).unsqueeze(0)
        for block in self.blocks:
            x = block(x, position_ids)
        return self.lm_head(x)


@torch.no_grad()
def describe(model, vis_feats, prompt_ids, eos_id, max_new_tokens=160):
    ids = prompt_ids
    for _ in range(max_new_tokens):
        next_id = model(vis_feats, ids)[:, -1].argmax(dim=-1, keepdim=True)
        ids = torch.cat([ids, next_id], dim=1)
        if next_id.item() == eos_id:
            break
    return ids[0, prompt_ids.size(1):].tolist()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    vocab = torch.load("checkpoints/vocab.pt")
    model = PrefixCaptionLM(len(vocab["itos"]))
    model.load_state_dict(torch.load("checkpoints/prefix_caption_lm.pt", map_location="cpu"))
    model.to(device).eval()
    features = torch.load("data/val_vit_patch_feats.pt")
    prompt = torch.tensor([[vocab["stoi"][w] for w in "describe the image in detail :".split()]], device=device)
    for image_id, feats in features.items():
        out = describe(model, feats.unsqueeze(0).to(device), prompt, vocab["stoi"]["<eos>"])
        print(image_id, " ".join(vocab["itos"][i] for i in out if i != vocab["stoi"]["<eos>"]))
