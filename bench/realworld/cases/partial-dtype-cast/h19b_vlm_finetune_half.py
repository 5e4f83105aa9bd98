# source: https://github.com/OpenBMB/MiniCPM-V/issues/234
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Half and Float
# pattern: partial-dtype-cast
# shape: class, loader-loop, batch-dict
# bug-lines: 25, 67, 68
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class MiniVLM(nn.Module):
    def __init__(self, vocab=32000, dim=512, vis_dim=384, n_query=32):
        super().__init__()
        self.vpm = nn.Sequential(nn.Conv2d(3, vis_dim, 14, stride=14), nn.Flatten(2))
        self.query = nn.Parameter(torch.randn(n_query, dim) * 0.02)
        self.resampler = nn.ModuleDict({"kv": nn.Linear(vis_dim, dim), "attn": nn.MultiheadAttention(dim, 8, batch_first=True)})
        self.embed = nn.Embedding(vocab, dim)
        layer = nn.TransformerEncoderLayer(dim, 8, 4 * dim, batch_first=True)
        self.llm = nn.ModuleDict({"embed": self.embed, "blocks": nn.TransformerEncoder(layer, 4), "head": nn.Linear(dim, vocab)})

    def get_vision_embedding(self, pixel_values):
        feats = self.vpm(pixel_values).transpose(1, 2)
        kv = self.resampler["kv"](feats)
        q = self.query.unsqueeze(0).expand(kv.size(0), -1, -1).to(kv.dtype)
        out, _ = self.resampler["attn"](q, kv, kv)
        return out

    def forward(self, input_ids, pixel_values, labels):
        vision = self.get_vision_embedding(pixel_values)
        text = self.llm["embed"](input_ids)
        hidden = self.llm["blocks"](torch.cat([vision, text], dim=1))
        logits = self.llm["head"](hidden[:, vision.size(1):])
        return nn.functional.cross_entropy(logits.flatten(0, 1).float(), labels.flatten(), ignore_index=-100)


class SFTTrainer:
    def __init__(self, model, optimizer, device):
        self.model, self.optimizer, self.device = model, optimizer, device

    def compute_loss(self, inputs):
        inputs = {k: v.to(self.device) for k, v in inputs.items()}
        inputs["pixel_values"] = inputs["pixel_values"].half()
        return self.model(**inputs)

    def train(self, loader, epochs=1):
        self.model.train()
        for _ in range(epochs):
            for batch in loader:
                loss = self.compute_loss(batch)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()


def fake_batches(n=16, seq=64):
    for _ in range(n):
        ids = torch.randint(0, 32000, (2, seq))
        yield {"input_ids": ids, "pixel_values": torch.rand(2, 3, 224, 224), "labels": ids.clone()}


if __name__ == "__main__":
    device = torch.device("cuda")
    model = MiniVLM()
    model.load_state_dict(torch.load("minivlm_base.pt", map_location="cpu"))
    model.llm.half()
    model.vpm.half()
    model.to(device)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-6, eps=1e-4)
    SFTTrainer(model, optimizer, device).train(DataLoader(list(fake_batches()), batch_size=None))
