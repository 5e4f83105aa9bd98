# source: https://github.com/ebagdasa/federated_adaptation/issues/3
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Corpus:
    def __init__(self, n_users=4, tokens_per_user=2000, vocab=300, seed=1):
        gen = torch.Generator().manual_seed(seed)
        self.train = [torch.randint(0, vocab, (tokens_per_user,), generator=gen) for _ in range(n_users)]
        self.test = torch.randint(0, vocab, (tokens_per_user,), generator=gen)
        self.vocab = vocab


class TextHelper:
    def __init__(self, params):
        self.params = params
        self.batch_size = params["batch_size"]
        self.device = torch.device(params.get("device", "cpu"))

    def batchify(self, data, bsz):
        nbatch = data.size(0) // bsz
        data = data.narrow(0, 0, nbatch * bsz)
        data = data.view(bsz, -1).t().contiguous()
        return data.cuda()

    def load_data(self):
        self.corpus = Corpus()
        self.train_data = [self.batchify(chunk, self.batch_size) for chunk in self.corpus.train]
        self.test_data = self.batchify(self.corpus.test, self.params["test_batch_size"])

    def create_model(self):
        model = nn.Sequential(nn.Embedding(self.corpus.vocab, 64), nn.Linear(64, self.corpus.vocab))
        return model.to(self.device)


if __name__ == "__main__":
    helper = TextHelper({"batch_size": 20, "test_batch_size": 10, "device": "cpu"})
    helper.load_data()
    model = helper.create_model()
    for user_data in helper.train_data:
        logits = model(user_data[:35])
        print(logits.shape)
