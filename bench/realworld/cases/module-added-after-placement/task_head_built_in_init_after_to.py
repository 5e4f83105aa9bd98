# source: https://github.com/moment-timeseries-foundation-model/moment/issues/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: class, loader-loop
# bug-lines: 36, 63
# cpu: clean
# needs: torch, numpy, tqdm
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from tqdm import tqdm


class PatchEncoder(nn.Module):
    def __init__(self, patch_len=8, d_model=64):
        super().__init__()
        self.patch_len = patch_len
        self.embed = nn.Linear(patch_len, d_model)
        self.mix = nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True)

    def forward(self, x):  # x: [batch, channels, seq]
        b, c, s = x.shape
        patches = x.reshape(b * c, s // self.patch_len, self.patch_len)
        return self.mix(self.embed(patches)).mean(dim=1).view(b, c, -1)


class TimeSeriesPipeline(nn.Module):
    def __init__(self, model_kwargs):
        super().__init__()
        self.model_kwargs = model_kwargs
        self.encoder = PatchEncoder()

    def init(self):
        if self.model_kwargs.get("task_name") == "classification":
            self.head = nn.Linear(64 * self.model_kwargs["n_channels"], self.model_kwargs["num_class"])
        else:
            self.head = nn.Identity()

    def forward(self, x_enc, input_mask=None):
        emb = self.encoder(x_enc)
        if input_mask is not None:
            emb = emb * input_mask[:, :1, None]
        return {"embeddings": emb, "logits": self.head(emb.flatten(1))}


def get_logits(model, dataloader):
    logits_list = []
    with torch.no_grad():
        for batch_x, batch_masks, _ in tqdm(dataloader, total=len(dataloader)):
            batch_x = batch_x.to("cuda" if torch.cuda.is_available() else "cpu").float()
            batch_masks = batch_masks.to(batch_x.device)
            output = model(batch_x, input_mask=batch_masks)
            logits_list.append(output["logits"].detach().cpu().numpy())
    return np.concatenate(logits_list)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = TimeSeriesPipeline(
        model_kwargs={"task_name": "classification", "n_channels": 3, "num_class": 2}
    ).to(device).float()
    model.init()
    model.eval()

    x = torch.randn(16, 3, 64, dtype=torch.float64)
    masks = torch.ones(16, 64)
    labels = torch.randint(0, 2, (16,))
    loader = DataLoader(TensorDataset(x, masks, labels), batch_size=4)
    print(get_logits(model, loader).shape)
