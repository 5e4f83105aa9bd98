# source: https://github.com/unit8co/darts/pull/388
# error: RuntimeError: Tensor for argument #2 'mat1' is on CPU, but expected it to be on GPU (while checking arguments for addmm)
# pattern: inputs-not-moved
# shape: class, loader-loop, batch-dict
# bug-lines: 42, 43
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class InferenceDataset(Dataset):
    def __init__(self, series_list, input_chunk_length):
        self.series_list = series_list
        self.input_chunk_length = input_chunk_length

    def __len__(self):
        return len(self.series_list)

    def __getitem__(self, idx):
        series = self.series_list[idx]
        return series[-self.input_chunk_length:].unsqueeze(-1), idx


class BlockRNNForecaster:
    def __init__(self, input_chunk_length=24, output_chunk_length=6, hidden=16):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.input_chunk_length = input_chunk_length
        self.rnn = nn.GRU(1, hidden, batch_first=True).to(self.device)
        self.head = nn.Linear(hidden, output_chunk_length).to(self.device)

    def predict(self, n, series_list, batch_size=4):
        dataset = InferenceDataset(series_list, self.input_chunk_length)
        return self.predict_from_dataset(n, dataset, batch_size=batch_size)

    def predict_from_dataset(self, n, dataset, batch_size=4):
        loader = DataLoader(dataset, batch_size=batch_size, shuffle=False)
        predictions = []
        with torch.no_grad():
            for batch_tuple in loader:
                input_series = batch_tuple[0]
                _, h = self.rnn(input_series)
                out = self.head(h[-1])[:, :n]
                predictions.extend(out.cpu().unbind(0))
        return predictions


if __name__ == "__main__":
    t = torch.linspace(0, 30, 120)
    air = [torch.sin(t + phase) for phase in (0.0, 0.5, 1.0)]
    forecaster = BlockRNNForecaster()
    preds = forecaster.predict(4, air)
    print([p.shape for p in preds])
