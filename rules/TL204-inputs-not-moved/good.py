import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def moved(path, prompt, device):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path).to(device)
    inputs = tokenizer(prompt, return_tensors="pt").to(device)  # BatchEncoding.to: in place
    input_ids = inputs.input_ids
    return model.generate(input_ids)


def encoding_moved_in_place(model, tokenizer, texts, device):
    model.to(device)
    enc = tokenizer(texts, return_tensors="pt")
    enc.to(device)
    return model(**enc)


def device_map(path, prompt):
    # accelerate's hooks move what a device_map model's forward is given.
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, device_map="auto")
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids
    return model(input_ids).logits


def device_map_generate(path, prompt):
    # generate is given the ids on the model's device, as transformers asks.
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, device_map="auto")
    input_ids = tokenizer.encode(prompt, return_tensors="pt").to(model.device)
    return model.generate(input_ids, max_new_tokens=32)


def made_on_device(model, n, device):
    model.to(device)
    mask = torch.ones(n, device=device)
    return model(mask)


def scalar(model, x, device):
    model.to(device)
    return model(x.to(device), torch.tensor(0.5))


def cpu_model(model, features):
    x = torch.tensor(features)
    return model(x)


# The helper moves what it is given; the loader's batches are moved in the loop; the
# tensor made in forward follows its input; a size tensor is only read on the CPU.
def run_model_moved(model, ids, device):
    with torch.no_grad():
        return model(ids.to(device))


def main(path, vocab, device):
    model = AutoModelForCausalLM.from_pretrained(path).to(device)
    ids = torch.tensor([vocab.index(ch) for ch in "hello"]).unsqueeze(0)
    return run_model_moved(model, ids, device)


class Recurrent(torch.nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.hidden = hidden
        self.cell = torch.nn.Linear(2 * hidden, hidden)

    def forward(self, x, sizes):
        rows = sizes.tolist()
        state = torch.zeros(x.shape[0], self.hidden, device=x.device)
        return self.cell(torch.cat([x, state], dim=-1))[: rows[0]]


def train(device):
    model = Recurrent(8).to(device)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.randn(16, 8), torch.randint(0, 2, (16,))),
        batch_size=4,
    )
    for features, _ in loader:
        model(features.to(device), torch.tensor([4]))


def get_backbone_on(state_dict, device):
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 16, 3), torch.nn.Flatten(), torch.nn.LazyLinear(10))
    model.load_state_dict(state_dict, strict=False)
    if not torch.cuda.is_available():
        return model
    return model.to(device)


def features_on_the_cpu(state_dict, image, device):
    # The CPU run returns the model unmoved; the GPU run moves the input too.
    model = get_backbone_on(state_dict, device)
    pixels = torch.from_numpy(image).unsqueeze(0)
    if torch.cuda.is_available():
        pixels = pixels.to(device)
    return model(pixels)


def new_head_on_a_placed_body(body, device):
    # A container of a new CPU layer and placed layers: not surely anywhere.
    model = torch.nn.Sequential(body.to(device), torch.nn.Linear(10, 2))
    return model(torch.zeros(1, 3, 8, 8).to(device))


class Scaled(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.p = torch.nn.Parameter(torch.randn(40, 20))

    def forward(self, x, rank):
        return self.p * (x ** (1 + rank))


def ddp_reference(device, rank):
    # DistributedDataParallel moves its inputs to device_ids before its forward runs.
    model = torch.nn.parallel.DistributedDataParallel(Scaled().to(device), device_ids=[rank])
    return model(torch.randn(40, 20), rank)


def device_batches(x, device, size):
    # a generator that moves what it yields
    for i in range(0, len(x), size):
        yield x[i : i + size].to(device)


def predict_all(model, x, device):
    return [model(xb) for xb in device_batches(x, device, 10)]


def predict_on_gpu():
    return predict_all(torch.nn.Linear(4, 1).to("cuda"), torch.randn(100, 4), "cuda")


class Forecaster:
    def __init__(self, device):
        self.device = device
        self.model = torch.nn.Linear(12, 3).to(device)

    def fit(self, train_set, val_set=None):
        # Both loaders' batches are moved; the validation one may be None.
        train_loader = torch.utils.data.DataLoader(train_set, batch_size=16)
        val_loader = torch.utils.data.DataLoader(val_set, batch_size=16) if val_set else None
        for x, y in train_loader:
            self.model(x.to(self.device))
        if val_loader is not None:
            for x, y in val_loader:
                self.model(x.to(self.device))


def forecast(device):
    windows = torch.sin(torch.linspace(0, 20, 400)).unfold(0, 15, 1)
    data = torch.utils.data.TensorDataset(windows[:, :12], windows[:, 12:])
    Forecaster(device).fit(data, data)


class VisionEncoder(torch.nn.Module):
    # The vision tower is placed in __init__; the pixels follow its weights.
    def __init__(self, device, dtype):
        super().__init__()
        self.visual = torch.nn.Linear(12, 24).to(device=device, dtype=dtype)

    def forward(self, pixel_values):
        weight = self.visual.weight
        return self.visual(pixel_values.to(device=weight.device, dtype=weight.dtype))


def encode_images(device):
    encoder = VisionEncoder(device, torch.bfloat16)
    return encoder(torch.rand(16, 12))


class GuidedAttentionLoss(torch.nn.Module):
    # The grid is made where the lengths are.
    def forward(self, att_ws, ilens, olens):
        masks = torch.zeros_like(att_ws)
        for idx, (ilen, olen) in enumerate(zip(ilens, olens)):
            masks[idx, :olen, :ilen] = self._mask(ilen, olen)
        return (masks * att_ws).mean()

    @staticmethod
    def _mask(ilen, olen):
        grid_x, grid_y = torch.meshgrid(
            torch.arange(olen, device=olen.device), torch.arange(ilen, device=ilen.device), indexing="ij"
        )
        return 1.0 - torch.exp(-((grid_y.float() / ilen - grid_x.float() / olen) ** 2))


def guided_loss(device):
    criterion = GuidedAttentionLoss()
    ilens, olens = torch.tensor([7, 5]).to(device), torch.tensor([12, 9]).to(device)
    return criterion(torch.rand(2, 12, 7, device=device), ilens, olens)
