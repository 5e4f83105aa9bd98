# source: https://github.com/luo3300612/image-captioning-DLCT/issues/29
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-type-cast
# shape: class, batch-dict, loader-loop
# bug-lines: 49, 50
# needs: torch
# cpu: no written where torch was not installed; not run
"""Caption evaluation for a region-feature captioner (features stored as fp16)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class CaptionModel(nn.Module):
    def __init__(self, vocab_size, d_model=256, feat_dim=2048):
        super().__init__()
        self.region_proj = nn.Linear(feat_dim, d_model)
        self.word_emb = nn.Embedding(vocab_size, d_model)
        self.decoder = nn.GRUCell(d_model * 2, d_model)
        self.out = nn.Linear(d_model, vocab_size)
        self.enc_output = None

    def step(self, t, prev_words, visual, state):
        if t == 0:
            self.enc_output = self.region_proj(visual).mean(1)
            state = torch.zeros_like(self.enc_output)
        x = torch.cat([self.word_emb(prev_words), self.enc_output], -1)
        state = self.decoder(x, state)
        return F.log_softmax(self.out(state), -1), state


class GreedyDecoder:
    def __init__(self, model, max_len, bos_idx):
        self.model = model
        self.max_len = max_len
        self.bos_idx = bos_idx

    def apply(self, visual):
        b = visual.shape[0]
        self.selected_words = torch.full((b,), self.bos_idx, dtype=torch.long, device=visual.device)
        self.state = None
        outputs = []
        for t in range(self.max_len):
            visual, outputs = self.iter(t, visual, outputs)
        return torch.stack(outputs, 1)

    def iter(self, t, visual, outputs):
        feats = visual.type(torch.FloatTensor)
        word_logprob, self.state = self.model.step(t, self.selected_words, feats, self.state)
        self.selected_words = word_logprob.argmax(-1)
        outputs.append(self.selected_words)
        return visual, outputs


class RegionFeatureSet(Dataset):
    def __len__(self):
        return 32

    def __getitem__(self, idx):
        return {"regions": torch.randn(50, 2048).half(), "image_id": idx}


def evaluate(model, loader, device):
    decoder = GreedyDecoder(model, max_len=20, bos_idx=2)
    results = {}
    model.eval()
    with torch.no_grad():
        for batch in loader:
            regions = batch["regions"].to(device)
            caps = decoder.apply(regions)
            for image_id, cap in zip(batch["image_id"].tolist(), caps.tolist()):
                results[image_id] = cap
    return results


if __name__ == "__main__":
    device = torch.device("cuda")
    captioner = CaptionModel(vocab_size=10000).to(device)
    print(len(evaluate(captioner, DataLoader(RegionFeatureSet(), batch_size=8), device)))
