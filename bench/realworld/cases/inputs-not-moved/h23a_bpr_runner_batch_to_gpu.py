# source: https://github.com/THUwangcy/ReChorus/issues/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: helper, class, loader-loop, batch-dict
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def batch_to_gpu(batch, device):
    for key in batch:
        if isinstance(batch[key], torch.Tensor):
            batch[key] = batch[key].to(device)
    return batch


class BPRMF(nn.Module):
    def __init__(self, n_users, n_items, emb_size=64):
        super().__init__()
        self.u_embeddings = nn.Embedding(n_users, emb_size)
        self.i_embeddings = nn.Embedding(n_items, emb_size)

    def forward(self, feed_dict):
        u_ids = feed_dict["user_id"]
        i_ids = feed_dict["item_id"]
        cf_u = self.u_embeddings(u_ids)
        cf_i = self.i_embeddings(i_ids)
        prediction = (cf_u[:, None, :] * cf_i).sum(-1)
        return {"prediction": prediction}


class EvalDataset(Dataset):
    def __init__(self, users, candidates):
        self.users, self.candidates = users, candidates

    def __len__(self):
        return len(self.users)

    def __getitem__(self, idx):
        return {"user_id": torch.tensor(self.users[idx], dtype=torch.long),
                "item_id": torch.as_tensor(self.candidates[idx], dtype=torch.long)}


class BaseRunner:
    def __init__(self, batch_size=256):
        self.batch_size = batch_size

    @torch.no_grad()
    def predict(self, model, data, device):
        model.eval()
        predictions = []
        for batch in DataLoader(data, batch_size=self.batch_size, shuffle=False):
            prediction = model(batch_to_gpu(batch, device))["prediction"]
            predictions.extend(prediction.cpu().numpy())
        return np.array(predictions)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = BPRMF(n_users=1000, n_items=5000).to(device)
    users = np.random.randint(0, 1000, size=512)
    cands = np.random.randint(0, 5000, size=(512, 100))
    preds = BaseRunner().predict(model, EvalDataset(users, cands), device)
    print(preds.shape)
