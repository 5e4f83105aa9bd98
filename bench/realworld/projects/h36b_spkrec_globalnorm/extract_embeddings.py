# source: https://github.com/speechbrain/speechbrain/issues/1434
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from speaker_encoder import SpeakerEncoder

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class FbankUtterances(Dataset):
    def __init__(self, feats_by_id):
        self.items = sorted(feats_by_id.items())

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        utt_id, fbank = self.items[i]
        return {"id": utt_id, "fbank": fbank, "length": fbank.size(0)}


def collate(batch):
    feats = torch.nn.utils.rnn.pad_sequence([b["fbank"] for b in batch], batch_first=True)
    return {"ids": [b["id"] for b in batch], "fbank": feats,
            "lengths": torch.tensor([b["length"] for b in batch])}


@torch.no_grad()
def embed_all(encoder, loader):
    out = {}
    for batch in loader:
        emb = encoder(batch["fbank"].to(device), batch["lengths"].to(device))
        for utt_id, e in zip(batch["ids"], F.normalize(emb, dim=1).cpu()):
            out[utt_id] = e
    return out


if __name__ == "__main__":
    encoder = SpeakerEncoder("pretrained/normalizer_stats.pt")
    encoder.load_state_dict(torch.load("pretrained/embedding_model.ckpt", map_location="cpu"), strict=False)
    encoder.to(device).eval()
    feats = torch.load("data/test_fbank.pt", map_location="cpu")
    loader = DataLoader(FbankUtterances(feats), batch_size=16, collate_fn=collate)
    embeddings = embed_all(encoder, loader)
    torch.save(embeddings, "exp/test_embeddings.pt")
