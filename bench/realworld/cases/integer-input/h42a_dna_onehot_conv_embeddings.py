# source: https://github.com/johahi/borzoi-pytorch/issues/10
# error: RuntimeError: expected scalar type Long but found Float
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 18, 62
# needs: torch
# cpu: no written where torch was not installed; not run
"""Extract per-bin embeddings from a trained sequence-to-coverage CNN for a list of promoter windows."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BASE_INDEX = {"A": 0, "C": 1, "G": 2, "T": 3}


def one_hot_dna(seq):
    idx = torch.tensor([BASE_INDEX.get(b, 0) for b in seq.upper()], dtype=torch.long)
    return F.one_hot(idx, num_classes=4).T


class CoverageCNN(nn.Module):
    def __init__(self, channels=256, n_tracks=64):
        super().__init__()
        self.stem = nn.Conv1d(4, channels, kernel_size=15, padding=7)
        self.tower = nn.Sequential(
            nn.Conv1d(channels, channels, 5, padding=2), nn.GELU(), nn.MaxPool1d(2),
            nn.Conv1d(channels, channels, 5, padding=2), nn.GELU(), nn.MaxPool1d(2),
        )
        self.head = nn.Conv1d(channels, n_tracks, 1)

    def get_embs(self, x):
        return self.tower(F.gelu(self.stem(x)))

    def forward(self, x):
        return F.softplus(self.head(self.get_embs(x)))


def read_windows(fasta_path):
    name, chunks = None, []
    with open(fasta_path) as fh:
        for line in fh:
            line = line.strip()
            if line.startswith(">"):
                if name is not None:
                    yield name, "".join(chunks)
                name, chunks = line[1:], []
            else:
                chunks.append(line)
    if name is not None:
        yield name, "".join(chunks)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CoverageCNN()
    model.load_state_dict(torch.load("checkpoints/coverage_cnn.pt", map_location=device))
    model.to(device).eval()
    embeddings = {}
    with torch.no_grad():
        for name, seq in read_windows("data/promoters_2kb.fa"):
            x = one_hot_dna(seq).unsqueeze(0).to(device)
            embeddings[name] = model.get_embs(x).mean(dim=-1).squeeze(0).cpu()
    torch.save(embeddings, "promoter_embeddings.pt")


if __name__ == "__main__":
    main()
