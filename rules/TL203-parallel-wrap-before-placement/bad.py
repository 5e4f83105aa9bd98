import torch
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from transformers import AutoModelForCausalLM


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(10, 10)

    def forward(self, x):
        return self.fc(x)


def ddp_main(local_rank):
    torch.cuda.set_device(local_rank)
    model = Net()
    model = DDP(model, device_ids=[local_rank])  # expect: TL203:13 lines=18,17
    return model


def data_parallel(x):
    model = Net()
    x = x.cuda()
    model = nn.DataParallel(model)  # expect: TL203:13 lines=24,25
    return model(x)


def ddp_around_device_map(path, local_rank):
    model = AutoModelForCausalLM.from_pretrained(path, device_map="auto")
    return DDP(model, device_ids=[local_rank])  # expect: TL203:12 lines=31


class Tower(nn.Module):
    def __init__(self, width=16):
        super().__init__()
        self.proj = nn.Linear(width, width)


def wrap_tower(gpu_list):
    # Built without a device: its weights are on the CPU when wrapped.
    model = Tower(width=32)
    return nn.DataParallel(model, device_ids=gpu_list)  # expect: TL203:12 lines=43,44


def load_for_inference(config, checkpoint):
    # No GPU is named anywhere: DataParallel picks every visible GPU itself and
    # checks, at its first call, that the module is on the first one.
    model = Net()
    if config["data_parallel"]:
        model = nn.DataParallel(model)  # expect: TL203:17 lines=50,58
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    return model.eval()


def predict(model, batch):
    return model(batch["image"])


def main(config, checkpoint, batch):
    model = load_for_inference(config, checkpoint)
    return predict(model, batch)


class SegTrainer:
    # The model is set up in one method (BatchNorm made synchronized on some runs)
    # and wrapped there; a later method moves it, too late for DDP.
    def __init__(self, opts):
        self.opts = opts
        self.device = torch.device("cuda", opts.rank)
        self.net = None

    def build(self):
        net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))
        if self.opts.sync_bn:
            net = nn.SyncBatchNorm.convert_sync_batchnorm(net)
        self.net = DDP(net, device_ids=[self.opts.rank])  # expect: TL203:20 lines=75,78

    def fit(self, images):
        self.net.to(self.device)
        return self.net(images.to(self.device))


def run(opts, images):
    trainer = SegTrainer(opts)
    trainer.build()
    return trainer.fit(images)


def load_summarizer(path):
    from transformers import AutoModelForSeq2SeqLM

    return AutoModelForSeq2SeqLM.from_pretrained(path, device_map="balanced")


def finetune_summarizer(path, batches):
    # Spread over the GPUs by device_map, then replicated from cuda:0 by DataParallel.
    model = load_summarizer(path)
    if torch.cuda.device_count() > 1:
        model = nn.DataParallel(model)  # expect: TL203:17 lines=94
    for batch in batches:
        model(**{k: v.to("cuda:0") for k, v in batch.items()}).loss.backward()


def build_backbone(gpu_ids=()):
    # The GPUs handed to DataParallel by position (its second parameter is
    # device_ids), the backbone never moved to the first of them.
    backbone = Tower(width=8)
    if len(gpu_ids) > 0:
        backbone = nn.DataParallel(backbone, gpu_ids)  # expect: TL203:20 lines=109,111
    return backbone
