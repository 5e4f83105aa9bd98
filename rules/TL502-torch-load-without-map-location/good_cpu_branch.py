import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocab, tags):
        super().__init__()
        self.emb = nn.Embedding(vocab, 64)
        self.out = nn.Linear(64, tags)

    def forward(self, ids):
        return self.out(self.emb(ids))


def load_tagger(path, vocab, tags, use_gpu):
    # The other branch maps the checkpoint for the run without a GPU: the bare load
    # is the GPU run's, where the saved devices exist.
    model = Tagger(vocab, tags)
    if use_gpu:
        model.load_state_dict(torch.load(path))
        model = model.cuda()
    else:
        model.load_state_dict(torch.load(path, map_location=lambda storage, loc: storage))
    return model


def load_state(path):
    if not torch.cuda.is_available():
        state = torch.load(path, map_location="cpu")
    else:
        state = torch.load(path)
    return state


if __name__ == "__main__":
    # (the flag holds the GPU test: the branch that loads bare is the GPU run's)
    use_gpu = torch.cuda.is_available()
    tagger = load_tagger("tagger.pt", 1000, 9, use_gpu)
    state = load_state("state.pt")
