#!/usr/bin/perl
# The interop peer written with Perl ZMQ::FFI (Debian libzmq-ffi-perl, the
# system libzmq). Same protocol and suite of messages as interop.py:
#
#   interop.pl ROLE [DATA CONTROL]
#
# Binding roles (rep, pub, pull, router) bind tcp://127.0.0.1:* and print
# "endpoints DATA CONTROL"; connecting roles (req, sub, push, dealer) get
# those. Every part is a Perl byte string; ints are pack("l<") / pack("q<").
# Prints "ok ROLE" at the end; any mismatch dies (non-zero exit status).
use strict;
use warnings;
no warnings "portable";    # 64-bit integer literals
use Time::HiRes qw(usleep);
use ZMQ::FFI;
use ZMQ::FFI::Constants qw(ZMQ_REQ ZMQ_REP ZMQ_PUB ZMQ_SUB ZMQ_PUSH ZMQ_PULL ZMQ_ROUTER ZMQ_DEALER ZMQ_PAIR
  ZMQ_SNDMORE ZMQ_LAST_ENDPOINT ZMQ_SUBSCRIBE);

$| = 1;

my $all = join '', map { chr } 0 .. 255;
my $big = join '', map { chr(($_ * 7 + 3) & 255) } 0 .. (1 << 20) - 1;
my $utf8 = "h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xf0\x9f\x98\x80";
sub i32 { pack 'l<', shift }    # host order (x86-64: little-endian)
sub i64 { pack 'q<', shift }

my @SUITE = (
  ["hello"],
  [$all],
  [$utf8],
  [""],
  [i32(0x01020304)],
  [i32(-2147483648)],
  [i32(2147483647)],
  [i32(-2)],
  [i64(0x0102030405060708)],
  [i64(-9223372036854775807 - 1)],
  [i64(9223372036854775807)],
  [i64(1 << 40)],
  ["part1", "", $all, i32(7), i64(-(1 << 40)), "last"],
  [$big],
  [scalar reverse $all],
);

my @ROUTING_IDS = ("dealer-1", "\xffd2\x00x");
my @SUBSCRIPTIONS = ("A", "\x00\xff");
my @TOPICS_IN = ("A", "\x00\xffx");
my @TOPICS_OUT = ("B-skip", "C", "\x00\xfe");

sub show {
  my $s = shift;
  my $t = substr($s, 0, 40);
  $t =~ s/([^\x20-\x7e])/sprintf("\\x%02x", ord $1)/ge;
  return "\"$t\"" . (length($s) > 40 ? "..." : "") . " (" . length($s) . " bytes)";
}

sub check {
  my ($got, $want, $what) = @_;
  die "$what: expected " . scalar(@$want) . " parts, got " . scalar(@$got) . ": " . join(", ", map { show($_) } @$got) . "\n"
    if @$got != @$want;
  for my $i (0 .. $#$want) {
    die "$what, part $i: expected " . show($want->[$i]) . ", got " . show($got->[$i]) . "\n" if $got->[$i] ne $want->[$i];
  }
}

my ($role, $data_ep, $control_ep) = @ARGV;
my $ctx = ZMQ::FFI->new();
my %types = (rep => ZMQ_REP, pub => ZMQ_PUB, pull => ZMQ_PULL, router => ZMQ_ROUTER, req => ZMQ_REQ, sub => ZMQ_SUB,
  push => ZMQ_PUSH, dealer => ZMQ_DEALER);

sub sock {
  my $s = $ctx->socket(shift);
  $s->set_linger(5000);    # ZMQ::FFI's default is 0: queued messages would be dropped at exit
  return $s;
}

my ($data, $control);
if ($role =~ /^(rep|pub|pull|router)$/) {
  $data = sock($types{$role});
  $data->bind("tcp://127.0.0.1:*");
  $control = sock(ZMQ_PAIR);
  $control->bind("tcp://127.0.0.1:*");
  print "endpoints ", $data->get(ZMQ_LAST_ENDPOINT, 'string'), " ", $control->get(ZMQ_LAST_ENDPOINT, 'string'), "\n";
} else {
  if ($role ne "dealer") {
    $data = sock($types{$role});
    if ($role eq "sub") { $data->subscribe($_) for @SUBSCRIPTIONS }
    $data->connect($data_ep);
  }
  $control = sock(ZMQ_PAIR);
  $control->connect($control_ep);
}

if ($role eq "rep") {
  for my $i (0 .. $#SUITE) {
    check([$data->recv_multipart], $SUITE[$i], "request $i");
    $data->send_multipart($SUITE[$i]);
  }
} elsif ($role eq "req") {
  for my $i (0 .. $#SUITE) {
    $data->send_multipart($SUITE[$i]);
    check([$data->recv_multipart], $SUITE[$i], "reply $i");
  }
} elsif ($role eq "push") {
  $data->send_multipart($_) for @SUITE;
  $data->send("end");
  check([$control->recv], ["ack"], "ack");
} elsif ($role eq "pull") {
  check([$data->recv_multipart], $SUITE[$_], "message $_") for 0 .. $#SUITE;
  check([$data->recv_multipart], ["end"], "end");
  $control->send("ack");
} elsif ($role eq "pub") {
  until ($control->has_pollin) {
    $data->send("A-warmup");
    usleep 10_000;
  }
  check([$control->recv], ["ready"], "ready");
  for my $m (@SUITE) {
    $data->send_multipart([$_, @$m]) for @TOPICS_OUT;
    $data->send_multipart([$_, @$m]) for @TOPICS_IN;
  }
  $data->send("A-end");
  check([$control->recv], ["ack"], "ack");
} elsif ($role eq "sub") {
  check([$data->recv_multipart], ["A-warmup"], "warm-up");
  $control->send("ready");
  my @m = $data->recv_multipart;
  @m = $data->recv_multipart while @m == 1 && $m[0] eq "A-warmup";
  for my $i (0 .. $#SUITE) {
    for my $j (0 .. $#TOPICS_IN) {
      @m = $data->recv_multipart if $i || $j;
      check(\@m, [$TOPICS_IN[$j], @{ $SUITE[$i] }], "message $i topic " . show($TOPICS_IN[$j]));
    }
  }
  check([$data->recv_multipart], ["A-end"], "end");
  $control->send("ack");
} elsif ($role eq "router") {
  my %next = map { $_ => 0 } @ROUTING_IDS;
  my $ended = 0;
  while ($ended < @ROUTING_IDS) {
    my ($rid, @rest) = $data->recv_multipart;
    die "unknown routing id " . show($rid) . "\n" unless exists $next{$rid};
    my $i = $next{$rid};
    if ($i == @SUITE) {
      check(\@rest, ["end"], "end from " . show($rid));
      $ended++;
      next;
    }
    check(\@rest, $SUITE[$i], "message $i from " . show($rid));
    $next{$rid} = $i + 1;
    $data->send_multipart([$rid, "to:$rid", @{ $SUITE[$i] }]);
  }
  $data->send_multipart([$_, "bye"]) for @ROUTING_IDS;
  check([$control->recv], ["ack"], "ack");
} elsif ($role eq "dealer") {
  my @dealers;
  for my $rid (@ROUTING_IDS) {
    my $d = sock(ZMQ_DEALER);
    $d->set_identity($rid);
    $d->connect($data_ep);
    push @dealers, [$rid, $d];
  }
  for my $i (0 .. $#SUITE) {
    $_->[1]->send_multipart($SUITE[$i]) for @dealers;
    check([$_->[1]->recv_multipart], ["to:$_->[0]", @{ $SUITE[$i] }], "reply $i to " . show($_->[0])) for @dealers;
  }
  $_->[1]->send("end") for @dealers;
  check([$_->[1]->recv_multipart], ["bye"], "bye") for @dealers;
  $control->send("ack");
} else {
  die "unknown role $role\n";
}
print "ok $role\n";
